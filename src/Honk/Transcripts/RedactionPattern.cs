namespace Honk.Transcripts;

/// <summary>
/// A regular expression whose matches are secrets. When the pattern has a group named <c>secret</c>, only that group
/// is replaced (so <c>password=</c> stays readable); otherwise the whole match is.
/// </summary>
/// <param name="Kind">A short lower-case name shown in the replacement <c>[REDACTED:&lt;kind&gt;]</c>.</param>
/// <param name="Pattern">The .NET regular expression.</param>
public sealed record RedactionPattern(string Kind, string Pattern);
