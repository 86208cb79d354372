namespace Honk.Transcripts;

/// <summary>A span of text to replace with <c>[REDACTED:&lt;kind&gt;]</c>.</summary>
internal readonly record struct Redaction(int Start, int Length, string Kind)
{
    public int End => Start + Length;
}
