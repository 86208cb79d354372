namespace Honk.Tools.Patching;

/// <summary>The part of a unified diff that concerns one file.</summary>
internal sealed class FilePatch
{
    /// <summary>The path before the change; <see langword="null"/> for a created file (<c>/dev/null</c>).</summary>
    public string? OldPath { get; set; }

    /// <summary>The path after the change; <see langword="null"/> for a deleted file (<c>/dev/null</c>).</summary>
    public string? NewPath { get; set; }

    /// <summary>The hunks, in order.</summary>
    public List<Hunk> Hunks { get; } = [];

    /// <summary>True for a created file.</summary>
    public bool IsCreation => OldPath is null;

    /// <summary>True for a deleted file.</summary>
    public bool IsDeletion => NewPath is null;

    /// <summary>True when the file moves.</summary>
    public bool IsRename => OldPath is not null && NewPath is not null && !string.Equals(OldPath, NewPath, StringComparison.Ordinal);

    /// <summary>The name used in messages.</summary>
    public string DisplayName => NewPath ?? OldPath ?? "(unnamed)";
}
