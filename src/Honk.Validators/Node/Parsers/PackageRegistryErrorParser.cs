using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads the package managers' registry errors during an install — a package or version the registry lacks, or a
/// registry that cannot be reached: pnpm's <c>ERR_PNPM_FETCH_404</c> / <c>ERR_PNPM_META_FETCH_FAIL</c> /
/// <c>ERR_PNPM_NO_MATCHING_VERSION</c>, npm's <c>code E404</c> / <c>ETARGET</c> / <c>ENOTFOUND</c>, yarn 1's
/// <c>Couldn't find package</c> and <c>Request failed "404 Not Found"</c>, yarn 2+'s <c>YN0035</c>.
/// </summary>
/// <remarks>
/// One finding per error, with neither file nor test, worded the same however far the install got. Without it the
/// failure was the output's last lines, progress counters included, and the untouched base's identical 404 never
/// matched (tinyhttp/tinyhttp, session 11: <c>ERR_PNPM_FETCH_404</c> sent to the model as a code failure). Matched on
/// the base, it is the environment (<see cref="SessionBusiness.IsEnvironment"/>) unless the change edited a manifest
/// or lockfile: then the model asked for a package the registry lacks, and it is the change's to mend.
/// </remarks>
public sealed partial class PackageRegistryErrorParser : OutputParser
{
    /// <summary>The finding's message starts so; the rest is the manager's own line.</summary>
    public const string Lead = "the package registry cannot provide a dependency";

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Pnpm().Match(lines[i]) is { Success: true } pnpm)
            {
                Add(pnpm.Groups["code"].Value, pnpm.Groups["detail"].Value);
            }
            else if (NpmCode().Match(lines[i]) is { Success: true } npm)
            {
                // npm names the code on one line and says what failed on the next ones: "404 Not Found - GET …",
                // "notarget No matching version found for …", "network request to … failed".
                var detail = lines.Skip(i + 1).Take(6).Select(l => NpmLine().Match(l)).Where(m => m.Success)
                    .Select(m => m.Groups["text"].Value.Trim())
                    .FirstOrDefault(t => t.Length > 0 && !NpmBookkeeping().IsMatch(t));
                Add(npm.Groups["code"].Value, detail ?? npm.Groups["code"].Value);
            }
            else if (Yarn().Match(lines[i]) is { Success: true } yarn)
            {
                Add(yarn.Groups["code"].Success ? yarn.Groups["code"].Value : "yarn", yarn.Groups["detail"].Value);
            }
        }

        return findings;

        void Add(string code, string detail)
        {
            var finding = new ValidationFinding($"{Lead} ({code}): {detail.Trim()}") { Code = code };
            if (!findings.Contains(finding))
            {
                findings.Add(finding);
            }
        }
    }

    // ERR_PNPM_FETCH_404  GET https://registry.npmjs.org/x/-/x-1.0.8.tgz: Not Found - 404 (pnpm puts a thin space after the code).
    [GeneratedRegex(@"^\s*(?<code>ERR_PNPM_(?:FETCH_\d{3}|META_FETCH_FAIL|NO_MATCHING_VERSION|TARBALL_FETCH\w*))\s+(?<detail>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pnpm();

    // npm error code E404 (npm 10) / npm ERR! code E404 (npm 6–9); also a version it lacks and an unreachable registry.
    [GeneratedRegex(@"^npm (?:ERR!|error) code (?<code>E40[134]|ETARGET|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NpmCode();

    [GeneratedRegex(@"^npm (?:ERR!|error)\s+(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NpmLine();

    [GeneratedRegex(@"^(?:code|errno|syscall|path|A complete log|Log files|\d{4}-\d\d-\d\d|$)", RegexOptions.CultureInvariant)]
    private static partial Regex NpmBookkeeping();

    // yarn 1: error Couldn't find package "x@^1" required by "y" on the "npm" registry.
    //         error Couldn't find any versions for "x" that matches "99.0.0"
    //         error An unexpected error occurred: "https://registry.yarnpkg.com/x/-/x-1.0.0.tgz: Request failed \"404 Not Found\"".
    //         error An unexpected error occurred: "https://registry.yarnpkg.com/x: getaddrinfo ENOTFOUND registry.yarnpkg.com".
    // yarn 2+: ➤ YN0035: │ x@npm:1.0.0: Package not found
    [GeneratedRegex(@"^error (?<detail>Couldn't find package "".+""(?: required by "".+"")? on the "".+"" registry\.?|Couldn't find any versions for "".+"" that matches "".+""|An unexpected error occurred: "".*(?:Request failed \\?""40[134]|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH).*)$|^\S*\s*(?<code>YN0035): [│|]?\s*(?<detail>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Yarn();
}
