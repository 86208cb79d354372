namespace Honk.Tools;

/// <summary>One simple command found in a shell command line: the program and its arguments.</summary>
/// <param name="Program">The program word.</param>
/// <param name="Arguments">The argument words (redirection targets left out).</param>
internal sealed record ShellCommand(ShellWord Program, IReadOnlyList<ShellWord> Arguments);
