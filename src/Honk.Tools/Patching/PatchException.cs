namespace Honk.Tools.Patching;

/// <summary>A patch that cannot be parsed or applied; the message names the file and hunk and says why.</summary>
internal sealed class PatchException : ToolException
{
    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
