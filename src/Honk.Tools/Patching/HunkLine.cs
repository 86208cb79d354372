namespace Honk.Tools.Patching;

/// <summary>One line of a hunk.</summary>
/// <param name="Kind">' ' context, '-' removed, '+' added.</param>
/// <param name="Text">The line without its marker.</param>
internal readonly record struct HunkLine(char Kind, string Text);
