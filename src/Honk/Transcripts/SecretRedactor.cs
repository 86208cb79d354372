using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Honk.Transcripts;

/// <summary>
/// Replaces secrets in text with <c>[REDACTED:&lt;kind&gt;]</c>: known literals (one vectorized multi-string search)
/// and patterns (one pass per pattern, each starting from its own vectorized prefix search), with overlapping finds
/// merged and the text rebuilt once. Immutable and thread-safe; build one per session with <see cref="Create"/>.
/// </summary>
/// <remarks>
/// A session applies its redactor once, to every event before any sink sees it (transcript, store, server stream,
/// review page, logs), and delivery channels apply it to what they write; see <c>docs/security.md</c>.
/// </remarks>
public sealed partial class SecretRedactor : ISecretRedactor
{
    // "pwd=abcd" is the shortest text a built-in pattern matches.
    private const int ShortestDefaultMatch = 8;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly Lazy<CompiledPattern[]> DefaultPatterns = new(() => [.. DefaultRedactionPatterns.All.Select(p => new CompiledPattern(p.Regex, p.Kind))]);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LiteralMatcher _literals;
    private readonly CompiledPattern[] _patterns;
    private readonly int _shortestSecret;

    private SecretRedactor(LiteralMatcher literals, CompiledPattern[] patterns, int shortestSecret)
    {
        _literals = literals;
        _patterns = patterns;
        _shortestSecret = shortestSecret;
    }

    /// <summary>A redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new(new LiteralMatcher([]), [], int.MaxValue);

    /// <summary>
    /// Builds a redactor for names made from a task before its session exists (branch names): the built-in formats and
    /// the host's secret-looking environment variables. The session's own redactor knows more (the repository's secrets).
    /// </summary>
    /// <returns>The redactor.</returns>
    public static SecretRedactor CreateForNames() => Create(new RedactionOptions { RedactDotEnvFiles = false, ScanRepository = false });

    /// <summary>How many literal secrets (from options, <c>.env</c> files and the environment) this redactor knows.</summary>
    public int LiteralCount => _literals.Count;

    /// <summary>Builds a redactor.</summary>
    /// <param name="options">What to redact; the defaults when <see langword="null"/>.</param>
    /// <param name="workspaceRoot">The workspace whose <c>.env</c> files supply literal secrets, when any.</param>
    /// <param name="environment">
    /// The environment variables to take secret-looking values from; the host process's when <see langword="null"/>.
    /// </param>
    /// <returns>The redactor.</returns>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression or a kind is not lower-case.</exception>
    public static SecretRedactor Create(
        RedactionOptions? options = null,
        string? workspaceRoot = null,
        IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        options ??= new RedactionOptions();
        var minimum = Math.Max(1, options.MinimumLiteralLength);
        var literals = new List<(string, string)>();
        literals.AddRange(options.Literals.Where(l => !string.IsNullOrEmpty(l)).Select(l => (l, "literal")));
        if (options.RedactDotEnvFiles && workspaceRoot is not null)
        {
            literals.AddRange(SecretSources.FromDotEnvFiles(workspaceRoot, minimum).Select(v => (v, "env_file")));
        }

        if (options.ScanRepository && workspaceRoot is not null)
        {
            literals.AddRange(RepositorySecrets.Find(workspaceRoot, DefaultPatterns.Value, minimum));
        }

        if (options.RedactEnvironmentSecrets)
        {
            literals.AddRange(SecretSources.FromEnvironment(environment ?? SecretSources.ProcessEnvironment(), minimum).Select(v => (v, "env_var")));
        }

        var patterns = new List<RedactionPattern>();
        foreach (var pattern in options.Patterns)
        {
            ArgumentNullException.ThrowIfNull(pattern);
            if (string.IsNullOrEmpty(pattern.Kind) || !pattern.Kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                throw new ArgumentException($"Redaction kind '{pattern.Kind}' must be lower-case letters, digits and '_'.", nameof(options));
            }

            patterns.Add(pattern);
        }

        CompiledPattern[] compiled = [.. options.UseDefaultPatterns ? DefaultPatterns.Value : [], .. Compile(patterns, MatchTimeout)];
        // Most strings of an event (ids, names, timestamps) are shorter than anything the built-in patterns match.
        var shortest = patterns.Count > 0 ? 1 : options.UseDefaultPatterns ? ShortestDefaultMatch : int.MaxValue;
        foreach (var (value, _) in literals)
        {
            shortest = Math.Min(shortest, value.Length);
        }

        return new SecretRedactor(new LiteralMatcher(WithEncodedForms(literals)), compiled, shortest);
    }

    /// <summary>A redactor that also removes the given exact strings (kind <c>literal</c>): a host's own keys and tokens.</summary>
    /// <param name="secrets">The strings; empty ones are ignored.</param>
    /// <returns>A new redactor; this one is unchanged.</returns>
    public SecretRedactor WithLiterals(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var added = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => (s, "literal")).ToList();
        if (added.Count == 0)
        {
            return this;
        }

        var shortest = Math.Min(_shortestSecret, added.Min(a => a.s.Length));
        return new SecretRedactor(new LiteralMatcher([.. _literals.Literals, .. WithEncodedForms(added)]), _patterns, shortest);
    }

    /// <summary>Redacts secrets in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The redacted text; the same instance when nothing was found.</returns>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < _shortestSecret)
        {
            return text;
        }

        List<Redaction>? found = null;
        _literals.Collect(text, ref found);
        try
        {
            foreach (var pattern in _patterns)
            {
                pattern.Collect(text, ref found);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input or custom pattern: dropping the text is the only answer that cannot leak.
            return "[REDACTED:timeout]";
        }

        return found is null ? text : Apply(text, found);
    }

    /// <summary>
    /// Redacts every string value of a JSON document (property names are kept) and returns JSON that is still valid.
    /// </summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The redacted JSON; the same instance when nothing was found.</returns>
    /// <exception cref="JsonException"><paramref name="json"/> is not valid JSON.</exception>
    public string RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        return RedactJson(Encoding.UTF8.GetBytes(json), buffer) ? Encoding.UTF8.GetString(buffer.WrittenSpan) : json;
    }

    /// <summary>Redacts the string values of UTF-8 JSON into <paramref name="output"/>.</summary>
    /// <returns>True when anything was redacted (when false, <paramref name="output"/> holds an equivalent copy).</returns>
    internal bool RedactJson(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output)
    {
        var changed = false;
        var reader = new Utf8JsonReader(utf8Json);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var value = reader.GetString()!;
                    var redacted = Redact(value);
                    changed |= !ReferenceEquals(value, redacted);
                    writer.WriteStringValue(redacted);
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(reader.GetString()!);
                    break;
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
                default:
                    break;
            }
        }

        writer.Flush();
        return changed;
    }

    /// <summary>
    /// Each literal as written and as it appears inside a JSON string (tool arguments are JSON text, so a secret with
    /// a quote or a backslash in it shows up escaped there).
    /// </summary>
    private static IEnumerable<(string Value, string Kind)> WithEncodedForms(IEnumerable<(string Value, string Kind)> literals)
    {
        foreach (var (value, kind) in literals)
        {
            yield return (value, kind);
            var relaxed = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            if (relaxed != value)
            {
                yield return (relaxed, kind);
            }

            var strict = JsonEncodedText.Encode(value).ToString();
            if (strict != value && strict != relaxed)
            {
                yield return (strict, kind);
            }
        }
    }

    private static string Apply(string text, IEnumerable<Redaction> unordered)
    {
        // Overlapping finds (a token inside a private key block, a literal that also looks like a key) merge into one
        // span so that no part of either survives; the first find's kind names the merged span.
        // The sort is stable, so of two equal spans the earlier source names it: literals, then patterns in order
        // (a GitHub token assigned to "token=" is reported as github_token).
        List<Redaction> found = [.. unordered.OrderBy(static r => r.Start).ThenByDescending(static r => r.Length)];
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var i = 0;
        while (i < found.Count)
        {
            var current = found[i];
            var end = current.End;
            while (++i < found.Count && found[i].Start < end)
            {
                end = Math.Max(end, found[i].End);
            }

            builder.Append(text, position, current.Start - position).Append("[REDACTED:").Append(current.Kind).Append(']');
            position = end;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    // The built-in patterns are written to run in linear time and skip the timeout's per-step checks (half their
    // cost); a user's pattern could backtrack catastrophically, so it gets a timeout.
    private static CompiledPattern[] Compile(IReadOnlyList<RedactionPattern> patterns, TimeSpan timeout)
    {
        var compiled = new CompiledPattern[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                var regex = new Regex(patterns[i].Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture, timeout);
                compiled[i] = new CompiledPattern(regex, patterns[i].Kind);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Redaction pattern '{patterns[i].Kind}' is not a valid regular expression: {ex.Message}", nameof(patterns), ex);
            }
        }

        return compiled;
    }
}
