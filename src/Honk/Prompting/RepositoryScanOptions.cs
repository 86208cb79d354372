namespace Honk.Prompting;

/// <summary>Caps on how much <see cref="RepositoryScanner"/> reads, so scanning stays cheap on huge repositories.</summary>
public sealed class RepositoryScanOptions
{
    /// <summary>Most files listed. Default 50,000.</summary>
    public int MaxFiles { get; set; } = 50_000;

    /// <summary>Most top-level entries kept. Default 30.</summary>
    public int MaxTreeEntries { get; set; } = 30;

    /// <summary>Most languages kept. Default 8.</summary>
    public int MaxLanguages { get; set; } = 8;

    /// <summary>Most characters read from one instruction file. Default 32,000.</summary>
    public int MaxInstructionFileChars { get; set; } = 32_000;

    /// <summary>Time allowed for <c>git ls-files</c> before the scan falls back to a folder walk. Default 10 seconds.</summary>
    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
