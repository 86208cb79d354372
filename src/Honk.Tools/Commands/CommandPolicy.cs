namespace Honk.Tools;

/// <summary>
/// Checks every program a command line would start against the allow-list, including programs started through
/// <c>find -exec</c>, <c>xargs</c> and <c>env</c>. The sandbox is the security boundary; this policy keeps the
/// model on the tools meant for it and explains the refusal in words it can act on.
/// </summary>
internal sealed class CommandPolicy
{
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        "cd", "export", "set", "unset", "exit", ":", "true", "false", "test", "[", "[[", "echo", "printf", "pwd",
        "read", "shift", "wait", "return", "break", "continue", "local", "declare", "readonly", "type", "umask",
    };

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["curl"] = "the sandbox has no network",
        ["wget"] = "the sandbox has no network",
        ["ssh"] = "the sandbox has no network",
        ["scp"] = "the sandbox has no network",
        ["nc"] = "the sandbox has no network",
        ["sudo"] = "commands cannot gain root",
        ["su"] = "commands cannot gain root",
        ["git"] = "use the git tool for status, diff, log, add and commit; Honk pushes at delivery",
        ["eval"] = "write the command out instead",
        ["exec"] = "run the program directly",
        ["source"] = "run the program directly",
        ["."] = "run the program directly",
        ["sh"] = "run the programs directly instead of through another shell",
        ["bash"] = "run the programs directly instead of through another shell",
    };

    private readonly ISet<string> _allowed;

    /// <summary>Creates the policy.</summary>
    /// <param name="allowed">The allowed program names.</param>
    public CommandPolicy(ISet<string> allowed)
    {
        _allowed = allowed;
    }

    /// <summary>Checks a command line.</summary>
    /// <param name="commandLine">The shell command line.</param>
    /// <exception cref="ToolException">A program is not allowed or the line cannot be checked.</exception>
    public void Check(string commandLine)
    {
        foreach (var command in ShellCommandParser.Parse(commandLine))
        {
            CheckProgram(command.Program, viaBuiltin: true);
            CheckStartedPrograms(command);
        }
    }

    private void CheckStartedPrograms(ShellCommand command)
    {
        var name = ProgramName(command.Program.Text);
        var args = command.Arguments;
        switch (name)
        {
            case "find":
                for (var i = 0; i < args.Count - 1; i++)
                {
                    if (args[i].Text is "-exec" or "-execdir" or "-ok" or "-okdir")
                    {
                        CheckProgram(args[i + 1], viaBuiltin: false);
                    }
                }

                break;
            case "xargs" or "env" or "nice" or "nohup" or "timeout" or "stdbuf" or "time":
                if (FirstWrappedProgram(name, args) is { } wrapped)
                {
                    CheckProgram(wrapped, viaBuiltin: false);
                    CheckStartedPrograms(new ShellCommand(wrapped, args.SkipWhile(a => !ReferenceEquals(a, wrapped)).Skip(1).ToList()));
                }

                break;
        }
    }

    private static ShellWord? FirstWrappedProgram(string wrapper, IReadOnlyList<ShellWord> args)
    {
        var positionalToSkip = wrapper == "timeout" ? 1 : 0;
        for (var i = 0; i < args.Count; i++)
        {
            var text = args[i].Text;
            if (text.StartsWith('-') && text.Length > 1)
            {
                // Options of xargs/timeout/nice that take their value as the next word.
                if (text is "-I" or "-n" or "-P" or "-d" or "-E" or "-L" or "-s" or "-a" or "-k" or "--signal" or "--kill-after" or "-u" or "-C" or "--chdir")
                {
                    i++;
                }

                continue;
            }

            if (wrapper == "env" && text.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (positionalToSkip-- > 0)
            {
                continue;
            }

            return args[i];
        }

        return null;
    }

    private void CheckProgram(ShellWord program, bool viaBuiltin)
    {
        if (program.IsDynamic)
        {
            throw new ToolException($"run_command refused '{program.Text}': the program name must be written out literally, not taken from a variable or a substitution.");
        }

        var name = ProgramName(program.Text);
        if (name.Length == 0)
        {
            throw new ToolException("run_command refused an empty program name.");
        }

        if ((viaBuiltin && !program.Text.Contains('/', StringComparison.Ordinal) && Builtins.Contains(name)) || _allowed.Contains(name))
        {
            return;
        }

        var hint = Hints.TryGetValue(name, out var why) ? $" ({why})" : "";
        throw new ToolException(
            $"run_command refused '{name}': it is not an allowed program{hint}. Allowed programs: {string.Join(", ", _allowed.Order(StringComparer.Ordinal))}. "
            + "Shell built-ins such as cd, echo, test and export work too.");
    }

    private static string ProgramName(string text)
    {
        var slash = text.LastIndexOf('/');
        return slash < 0 ? text : text[(slash + 1)..];
    }
}
