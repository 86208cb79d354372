namespace Honk.Cli.Commands;

/// <summary>
/// What <c>honk serve</c> passes to the host's configuration beyond its own options: overrides such as
/// <c>--Honk:MaxConcurrency=4</c> or <c>--Logging:LogLevel:Default Warning</c>. Anything else on the command line is a
/// mistake (<c>--port 8080</c>, a misspelt option) that the host would silently ignore, so it is refused with what to
/// write instead.
/// </summary>
internal static class HostPassThrough
{
    /// <summary>The host's own top-level keys, which have no section (ASP.NET Core's command-line keys).</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "contentRoot", "applicationName", "webroot", "AllowedHosts",
    };

    /// <summary>Throws a <see cref="CliException"/> naming the first token that is not a configuration override.</summary>
    public static void Check(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var (key, hasValue) = KeyOf(token);
            if (key.Length == 0 || !(key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key)))
            {
                throw new CliException($"unknown option '{token}'. The options are listed by 'honk serve --help'; other settings pass through as --Section:Key=value (e.g. --Honk:MaxConcurrency=4), and the address to listen on is --urls (e.g. --urls http://127.0.0.1:8080).");
            }

            // "--Key value": the next token is this key's value, whatever it looks like.
            if (!hasValue && IsSwitch(token))
            {
                if (i + 1 >= tokens.Count)
                {
                    throw new CliException($"'{token}' needs a value: write {token}=<value>.");
                }

                i++;
            }
        }
    }

    private static bool IsSwitch(string token) => token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/');

    /// <summary>The key of <c>--key=value</c>, <c>--key</c>, <c>/key=value</c>, <c>/key</c> or <c>key=value</c>.</summary>
    private static (string Key, bool HasValue) KeyOf(string token)
    {
        var body = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : token.StartsWith('/') ? token[1..] : token;
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            return (body[..equals], true);
        }

        // A bare word without '=' (not a switch) is neither a key nor a value of one.
        return IsSwitch(token) ? (body, false) : (string.Empty, false);
    }
}
