namespace Honk.Transcripts;

/// <summary>How sessions write their transcripts.</summary>
public sealed class TranscriptOptions
{
    /// <summary>The folder, relative to <see cref="RootDirectory"/>, that holds transcripts.</summary>
    public const string DefaultFolder = ".honk/transcripts";

    /// <summary>
    /// The folder under which <see cref="DefaultFolder"/> lives; the current directory when <see langword="null"/>.
    /// Keep it outside the session's workspace, or the transcript becomes part of the change.
    /// </summary>
    public string? RootDirectory { get; set; }

    /// <summary>The folder that holds the transcripts, used as is; when set, <see cref="RootDirectory"/> is ignored.</summary>
    public string? Directory { get; set; }

    /// <summary>Whether <see cref="AssistantTextDelta"/> events are written (they repeat the turn's text). Default: false.</summary>
    public bool IncludeTextDeltas { get; set; }

    /// <summary>
    /// Whether a writer opened on its own redacts secrets before anything reaches the file. Default: true. In a session,
    /// events reach the writer already redacted by <see cref="AgentSessionOptions.Redaction"/>.
    /// </summary>
    public bool RedactSecrets { get; set; } = true;

    /// <summary>What a writer opened on its own redacts; in a session, <see cref="AgentSessionOptions.Redaction"/> applies.</summary>
    public RedactionOptions Redaction { get; set; } = new();

    /// <summary>
    /// The transcript path of a session: <c>&lt;directory&gt;/&lt;session-id&gt;.jsonl</c>, or
    /// <c>&lt;root&gt;/.honk/transcripts/&lt;session-id&gt;.jsonl</c> when no <see cref="Directory"/> is set.
    /// </summary>
    /// <param name="sessionId">The session's id; characters not allowed in file names become <c>_</c>.</param>
    /// <returns>The absolute path.</returns>
    public string GetPath(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var invalid = Path.GetInvalidFileNameChars();
        var safe = string.Concat(sessionId.Select(c => invalid.Contains(c) || c is '/' or '\\' ? '_' : c));
        if (safe is "." or "..")
        {
            safe = safe.Replace('.', '_');
        }

        if (Directory is not null)
        {
            return Path.GetFullPath(Path.Combine(Directory, safe + ".jsonl"));
        }

        var root = RootDirectory ?? System.IO.Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(root, DefaultFolder, safe + ".jsonl"));
    }
}
