namespace Honk.Cli;

/// <summary>A problem with what the user asked for, explained in one paragraph; never shown with a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
