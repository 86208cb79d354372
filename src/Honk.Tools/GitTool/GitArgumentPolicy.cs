namespace Honk.Tools;

/// <summary>
/// Decides which git calls the model may make: a read-mostly subset that works on the session's own branch and never
/// talks to remotes, changes configuration, runs external programs, or reads and writes outside the repository.
/// </summary>
internal static class GitArgumentPolicy
{
    /// <summary>The subcommands the tool accepts.</summary>
    public static readonly IReadOnlyList<string> AllowedSubcommands =
    [
        "add", "blame", "branch", "checkout", "commit", "describe", "diff", "grep", "log", "ls-files", "ls-tree",
        "merge-base", "mv", "reset", "restore", "rev-parse", "rm", "shortlog", "show", "status", "switch",
    ];

    private const string DeliveryNote = "Honk itself commits, pushes and opens the pull request after the checks pass; the session never talks to remotes";

    private static readonly Dictionary<string, string> RefusalReasons = new(StringComparer.Ordinal)
    {
        ["push"] = DeliveryNote,
        ["fetch"] = DeliveryNote,
        ["pull"] = DeliveryNote,
        ["clone"] = DeliveryNote,
        ["remote"] = DeliveryNote,
        ["ls-remote"] = DeliveryNote,
        ["submodule"] = DeliveryNote,
        ["config"] = "git's configuration is fixed by Honk",
        ["clean"] = "delete specific files with 'git rm' or restore them with 'git restore'",
        ["stash"] = "the session works on its own branch; commit or restore changes instead",
        ["worktree"] = "the session already has its own worktree",
        ["gc"] = "repository maintenance is Honk's job",
        ["hook"] = "hooks are disabled in sessions",
    };

    // Options that make git run a program, read or write files outside the repository, or leave the repository.
    // The git tool runs on the host, outside the sandbox: one of these is a way out of it.
    private static readonly string[] ForbiddenEverywhere =
    [
        "--exec", "--upload-pack", "--receive-pack", "--output", "--ext-diff", "--textconv", "--git-dir", "--work-tree",
        "--exec-path", "--pathspec-from-file", "--open-files-in-pager", "--config-env", "--contents", "--no-index",
        "--ignore-revs-file", "--exclude-from",
    ];

    private static readonly Dictionary<string, string[]> ForbiddenBySubcommand = new(StringComparer.Ordinal)
    {
        ["commit"] = ["--file", "--template", "--gpg-sign", "--author", "-F", "-t", "-S"],
        ["grep"] = ["-f", "-O"],
        ["blame"] = ["-S"],
        ["ls-files"] = ["-X"],
        ["diff"] = ["-O"],
        ["log"] = ["-O"],
        ["show"] = ["-O"],
        ["reset"] = ["--hard", "--merge", "--keep"],
        ["checkout"] = ["-b", "-B", "--orphan", "--detach"],
        ["switch"] = ["-c", "-C", "--create", "--force-create", "--orphan", "--detach", "-d"],
    };

    // git accepts any unambiguous prefix of a long option ("--open-f" is --open-files-in-pager), so a prefix of a
    // forbidden option is refused too — except these, which are whole options of their own (git takes an exact match
    // before an abbreviation): switch --force, blame --ignore-rev, ls-files --exclude, diff --text.
    private static readonly HashSet<string> WholeOptionsThatArePrefixes = new(StringComparer.Ordinal)
    {
        "--force", "--ignore-rev", "--exclude", "--text",
    };

    // Short options whose value may follow in the same word ("-L10,20", "-efoo", "-mfix"): letters after one of them
    // are its value, not options. Per subcommand, for the subcommands with forbidden short options.
    private static readonly Dictionary<string, string> ShortOptionsWithValues = new(StringComparer.Ordinal)
    {
        ["commit"] = "mcC",
        ["grep"] = "eABCm",
        ["blame"] = "LCM",
        ["ls-files"] = "x",
        ["diff"] = "SGUlMBCIX",
        ["log"] = "SGUlMBCILn",
        ["show"] = "SGUlMBCIL",
    };

    // Options whose value is the next word, so that a value such as "-F" in a message is not taken for an option.
    private static readonly HashSet<string> TakesValue = new(StringComparer.Ordinal)
    {
        "-m", "--message", "-C", "-c", "--reuse-message", "--reedit-message", "--fixup", "--squash", "--date", "--trailer",
        "--cleanup", "-e", "--regexp", "-A", "-B", "--grep", "--author", "--committer", "-n", "--max-count", "--since",
        "--until", "--format", "--pretty", "--sort", "--contains", "--no-contains", "--merged", "--no-merged",
        "--points-at", "-L", "--source", "-s", "--strategy", "--abbrev",
    };

    private static readonly HashSet<string> BranchListingOptions = new(StringComparer.Ordinal)
    {
        "--list", "-l", "--show-current", "-a", "--all", "-r", "--remotes", "-v", "-vv", "--verbose", "--contains",
        "--no-contains", "--merged", "--no-merged", "--sort", "--format", "--points-at", "--column", "--no-column",
        "--color", "--no-color", "-i", "--ignore-case", "--omit-empty",
    };

    /// <summary>Checks a git call.</summary>
    /// <param name="args">The arguments after <c>git</c>.</param>
    /// <param name="root">The workspace root (to tell paths from branch names).</param>
    /// <param name="sessionBranch">The session's branch, when known.</param>
    /// <returns>What the tool must still verify.</returns>
    /// <exception cref="ToolException">The call is refused; the message says what is allowed.</exception>
    public static GitCheck Check(IReadOnlyList<string> args, string root, string? sessionBranch)
    {
        if (args.Count == 0 || string.IsNullOrWhiteSpace(args[0]))
        {
            throw Refuse("git needs a subcommand, e.g. \"status --short\" or \"diff HEAD\"");
        }

        var subcommand = args[0];
        if (subcommand.StartsWith('-'))
        {
            throw Refuse($"options before the subcommand ('{subcommand}') are not allowed (no -c, -C, --git-dir, --work-tree); start with the subcommand");
        }

        if (!AllowedSubcommands.Contains(subcommand, StringComparer.Ordinal))
        {
            var why = RefusalReasons.TryGetValue(subcommand, out var reason) ? $": {reason}" : "";
            throw Refuse($"'git {subcommand}' is not allowed here{why}");
        }

        var (dashWords, flags, operands) = Classify(args);
        foreach (var option in dashWords)
        {
            var name = option.Split('=', 2)[0];
            if (ForbiddenEverywhere.Any(f => IsLongOption(name, f) || (f == "--exec" && name.StartsWith("--exec", StringComparison.Ordinal))))
            {
                throw Refuse($"the option '{name}' is not allowed (it runs a program or reaches outside the repository; git reads a shortened option as the whole one)");
            }

            if (ForbiddenBySubcommand.TryGetValue(subcommand, out var forbidden) && forbidden.Any(f => IsOption(subcommand, option, f)))
            {
                throw Refuse($"'git {subcommand} {name}' is not allowed{SubcommandAdvice(subcommand, sessionBranch)}");
            }
        }

        switch (subcommand)
        {
            case "branch":
                var listing = flags.Any(o => o is "--list" or "-l" or "--show-current");
                if (flags.Any(o => !BranchListingOptions.Contains(o.Split('=', 2)[0])) || (operands.Count > 0 && !listing))
                {
                    throw Refuse($"'git branch' can only list branches here (git branch, --list, --show-current){SubcommandAdvice(subcommand, sessionBranch)}");
                }

                break;
            case "switch":
                if (operands.Count != 1 || operands[0] != sessionBranch)
                {
                    throw Refuse($"'git switch' can only go to the session's own branch{SubcommandAdvice(subcommand, sessionBranch)}");
                }

                break;
            case "checkout" when !args.Contains("--", StringComparer.Ordinal):
                var ownBranch = operands.Count == 1 && operands[0] == sessionBranch;
                if (!ownBranch && (operands.Count == 0 || !operands.All(o => PathExists(root, o))))
                {
                    throw Refuse($"'git checkout' can only restore files here (git checkout -- <path>, or git restore <path>){SubcommandAdvice(subcommand, sessionBranch)}");
                }

                break;
        }

        return new GitCheck(subcommand, subcommand is "reset" or "commit");
    }

    /// <summary>The refusal for a HEAD that is not on the session's branch.</summary>
    /// <param name="subcommand">The subcommand.</param>
    /// <param name="sessionBranch">The session's branch.</param>
    /// <param name="current">Where HEAD is.</param>
    /// <returns>The exception to throw.</returns>
    public static ToolException NotOnSessionBranch(string subcommand, string sessionBranch, string current)
        => Refuse($"'git {subcommand}' only works on the session's branch '{sessionBranch}', but HEAD is on {current}; "
            + $"go back with \"switch {sessionBranch}\"");

    /// <summary>
    /// Sorts the words before <c>--</c> into options, the values options take, and operands. Every word that looks
    /// like an option is checked against the forbidden lists, even one consumed as a value: a refused message
    /// starting with '-' costs a retry, a missed option would cost an escape.
    /// </summary>
    private static (List<string> DashWords, List<string> Flags, List<string> Operands) Classify(IReadOnlyList<string> args)
    {
        var dashWords = new List<string>();
        var flags = new List<string>();
        var operands = new List<string>();
        var valueExpected = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            var looksLikeOption = arg.StartsWith('-') && arg.Length > 1;
            if (looksLikeOption)
            {
                dashWords.Add(arg);
            }

            if (valueExpected)
            {
                valueExpected = false;
                continue;
            }

            if (!looksLikeOption)
            {
                operands.Add(arg);
                continue;
            }

            flags.Add(arg);
            var clusteredMessage = arg.Length > 2 && arg[1] != '-' && arg[^1] == 'm';
            valueExpected = TakesValue.Contains(arg) || clusteredMessage;
        }

        return (dashWords, flags, operands);
    }

    private static bool IsOption(string subcommand, string option, string forbidden)
    {
        if (forbidden.StartsWith("--", StringComparison.Ordinal))
        {
            return option.StartsWith("--", StringComparison.Ordinal) && IsLongOption(option.Split('=', 2)[0], forbidden);
        }

        // A short option may be clustered ("-aS") or carry its value ("-Fmsg.txt", "-Ovim").
        if (option.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var valueLetters = ShortOptionsWithValues.GetValueOrDefault(subcommand, "");
        foreach (var letter in option.AsSpan(1))
        {
            if (letter == forbidden[1])
            {
                return true;
            }

            if (valueLetters.Contains(letter, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    // The forbidden option itself, or a shortening of it that git would expand to it.
    private static bool IsLongOption(string name, string forbidden)
        => name == forbidden
            || (name.Length > 2 && forbidden.StartsWith(name, StringComparison.Ordinal) && !WholeOptionsThatArePrefixes.Contains(name));

    private static bool PathExists(string root, string operand)
    {
        var full = Path.GetFullPath(Path.Combine(root, operand));
        return HostPaths.IsSameOrInside(full, root) && (File.Exists(full) || Directory.Exists(full));
    }

    private static string SubcommandAdvice(string subcommand, string? sessionBranch) => subcommand switch
    {
        "reset" => "; 'git reset' (mixed or --soft) and 'git restore' undo changes without discarding work",
        "commit" => "; commits carry Honk's identity and a message given with -m",
        "grep" => "; give patterns with -e",
        _ when sessionBranch is not null => $"; the session works on its own branch '{sessionBranch}'",
        _ => "",
    };

    private static ToolException Refuse(string reason)
        => new($"{reason}. Allowed git subcommands: {string.Join(", ", AllowedSubcommands)}.");
}
