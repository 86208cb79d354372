using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Honk.Tasks;

/// <summary>
/// Parses a task file: an optional YAML front-matter block between <c>---</c> lines, then a Markdown body that is the
/// goal. Collects every problem (with its line in the whole file) before throwing, so one run shows them all.
/// </summary>
internal sealed partial class TaskFileParser
{
    private readonly List<TaskFileError> _errors = [];
    private readonly int _lineOffset;
    private readonly TaskFileExtension? _extension;

    private TaskFileParser(int lineOffset, TaskFileExtension? extension)
    {
        _lineOffset = lineOffset;
        _extension = extension;
    }

    public static TaskFile Parse(string text, string? source, TaskFileExtension? extension = null)
    {
        if (text.Length > TaskFile.MaxLength)
        {
            throw new TaskFileException(source, [new TaskFileError(1, 0, string.Create(CultureInfo.InvariantCulture, $"The task file is longer than {TaskFile.MaxLength:N0} characters, the most a task file may hold: say what to do in a page and point at files in the repository for the rest."))]);
        }

        var lines = Normalize(text).Split('\n');
        var frontMatterEnd = -1;
        if (lines.Length > 0 && IsFence(lines[0]))
        {
            for (var i = 1; i < lines.Length; i++)
            {
                if (IsFence(lines[i]) || lines[i].TrimEnd() == "...")
                {
                    frontMatterEnd = i;
                    break;
                }
            }

            if (frontMatterEnd < 0)
            {
                throw new TaskFileException(source, [new TaskFileError(1, 0, "The front matter opened by '---' on line 1 is never closed: add a line with only '---' after the last key.")]);
            }
        }

        // YAML's line 1 is the line after the opening fence, which is line 2 of the file.
        var parser = new TaskFileParser(lineOffset: 1, extension);
        var yaml = frontMatterEnd < 0 ? string.Empty : string.Join('\n', lines[1..frontMatterEnd]);
        var bodyStartLine = frontMatterEnd < 0 ? 1 : frontMatterEnd + 2;
        var body = frontMatterEnd < 0 ? string.Join('\n', lines) : string.Join('\n', lines[(frontMatterEnd + 1)..]);
        var result = parser.Read(yaml, body, bodyStartLine);
        if (parser._errors.Count > 0)
        {
            throw new TaskFileException(source, [.. parser._errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return result!;
    }

    private static string Normalize(string text)
        => (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static bool IsFence(string line) => line.TrimEnd() == "---";

    private TaskFile? Read(string yaml, string body, int bodyStartLine)
    {
        var root = Load(yaml);
        if (root is null && _errors.Count > 0)
        {
            return null;
        }

        var fields = new Dictionary<string, (YamlNode Key, YamlNode Value)>(StringComparer.Ordinal);
        if (root is YamlMappingNode mapping)
        {
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = keyNode is YamlScalarNode { Value: { } k } ? k : null;
                if (key is null)
                {
                    Error(keyNode, "Front-matter keys must be plain names such as 'title' or 'budget'.");
                }
                else if (!TaskFileKeys.TopLevel.Contains(key) && !IsExtensionKey(key))
                {
                    Error(keyNode, UnknownKey(key, "front-matter key", KnownKeys(), KnownSynonyms()));
                }
                else if (!fields.TryAdd(key, (keyNode, value)))
                {
                    Error(keyNode, $"'{key}' is given twice; keep one.");
                }
            }
        }
        else if (root is not null && !IsNull(root))
        {
            Error(root, "The front matter must be 'key: value' lines (a YAML mapping), for example 'title: Fix the empty-cart crash'.");
        }

        var goal = ReadGoal(fields, body, bodyStartLine);
        var title = Text(fields, TaskFileKeys.Title) ?? TitleFromBody(body);
        var budget = fields.TryGetValue(TaskFileKeys.Budget, out var b) ? ReadBudget(b.Value) : null;
        var delivery = ReadDelivery(fields);
        var branch = ReadBranch(fields);
        var preExisting = ReadPreExistingFailures(fields);
        var task = new CodingTask(goal ?? "(invalid)")
        {
            Title = title,
            Preconditions = List(fields, TaskFileKeys.Preconditions, "precondition"),
            Examples = List(fields, TaskFileKeys.Examples, "example"),
            DefinitionOfDone = Text(fields, TaskFileKeys.Done),
            AllowedPaths = ReadAllowedPaths(fields),
            Budget = budget,
            Requester = Text(fields, TaskFileKeys.Requester),
            PreExistingFailures = preExisting,
            McpServers = ReadMcpServers(fields),
            RequirePlanApproval = ReadPlanApproval(fields),
        };
        ReadExtension(fields);
        return new TaskFile { Task = task, Delivery = delivery, Branch = branch };
    }

    private YamlNode? Load(string yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner && inner.Message.Length > 0 ? inner.Message : ex.Message;
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                message = "A key is given twice; keep one.";
            }

            _errors.Add(new TaskFileError(checked((int)ex.Start.Line) + _lineOffset, checked((int)ex.Start.Column), $"The front matter is not valid YAML: {message.TrimEnd('.')}."));
            return null;
        }
    }

    private string? ReadGoal(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string body, int bodyStartLine)
    {
        var fromKey = Text(fields, TaskFileKeys.Goal);
        var fromBody = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        if (fromKey is not null && fromBody is not null)
        {
            Error(fields[TaskFileKeys.Goal].Key, "The goal is given twice: in 'goal:' and as the Markdown body below the front matter; keep one.");
            return fromKey;
        }

        var goal = fromKey ?? fromBody;
        if (goal is null)
        {
            var line = fields.TryGetValue(TaskFileKeys.Goal, out var g) ? Line(g.Key) : bodyStartLine;
            _errors.Add(new TaskFileError(line, 0, "The task has no goal: describe the end state as the Markdown body below the front matter (or in 'goal:')."));
        }

        return goal;
    }

    private static string? TitleFromBody(string body)
    {
        var first = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return first is not null && first.StartsWith("# ", StringComparison.Ordinal) ? first[2..].Trim() : null;
    }

    private Budget? ReadBudget(YamlNode node)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, "'budget' must be a mapping of limits, for example 'budget: { turns: 30, cost_usd: 2 }'.");
            return null;
        }

        var budget = new Budget();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!TaskFileKeys.BudgetKeys.Contains(key))
            {
                Error(keyNode, UnknownKey(key, "budget limit", TaskFileKeys.BudgetKeys, TaskFileKeys.BudgetSynonyms));
                continue;
            }

            if (!seen.Add(key))
            {
                Error(keyNode, $"'budget.{key}' is given twice; keep one.");
                continue;
            }

            budget = key switch
            {
                TaskFileKeys.Turns => budget with { MaxTurns = WholeNumber(value, key) is { } n ? checked((int)Math.Min(n, int.MaxValue)) : null },
                TaskFileKeys.ToolCalls => budget with { MaxToolCalls = WholeNumber(value, key) is { } n ? checked((int)Math.Min(n, int.MaxValue)) : null },
                TaskFileKeys.Tokens => budget with { MaxInputTokens = WholeNumber(value, key) },
                TaskFileKeys.OutputTokens => budget with { MaxOutputTokens = WholeNumber(value, key) },
                TaskFileKeys.CostUsd => budget with { MaxCostUsd = PositiveDecimal(value, key) },
                _ => budget with { MaxWallTime = PositiveDecimal(value, key) is { } m ? TimeSpan.FromMinutes((double)m) : null },
            };
        }

        return budget;
    }

    private long? WholeNumber(YamlNode node, string key)
    {
        var text = Scalar(node, $"budget.{key}");
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        Error(node, $"'budget.{key}' must be a whole number of at least 1, not '{text}'.");
        return null;
    }

    private decimal? PositiveDecimal(YamlNode node, string key)
    {
        var text = Scalar(node, $"budget.{key}");
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 1_000_000)
        {
            return value;
        }

        Error(node, $"'budget.{key}' must be a positive number such as 2.5, not '{text}'.");
        return null;
    }

    private TaskDelivery? ReadDelivery(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (Text(fields, TaskFileKeys.Delivery) is not { } text)
        {
            return null;
        }

        if (TaskDeliveryNames.TryParse(text, out var delivery))
        {
            return delivery;
        }

        Error(fields[TaskFileKeys.Delivery].Value, $"'delivery' must be one of {string.Join(", ", TaskDeliveryNames.All)}, not '{text}'.");
        return null;
    }

    private PreExistingFailures ReadPreExistingFailures(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (Text(fields, TaskFileKeys.PreExistingFailures) is not { } text)
        {
            return PreExistingFailures.Auto;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "auto":
                return PreExistingFailures.Auto;
            case "strict":
                return PreExistingFailures.Strict;
            case "tolerant":
            case "tolerate":
                return PreExistingFailures.Tolerant;
            default:
                Error(fields[TaskFileKeys.PreExistingFailures].Value, $"'{TaskFileKeys.PreExistingFailures}' must be auto (the default: tolerated unless the task or the change concerns them), strict (every failure blocks) or tolerant (every failure the base already had is tolerated), not '{text}'.");
                return PreExistingFailures.Auto;
        }
    }

    private bool ReadPlanApproval(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (Text(fields, TaskFileKeys.PlanApproval) is not { } text)
        {
            return false;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(fields[TaskFileKeys.PlanApproval].Value, $"'{TaskFileKeys.PlanApproval}' must be true (propose a plan and wait for a person's approval before any edit) or false, not '{text}'.");
                return false;
        }
    }

    private string? ReadBranch(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        var branch = Text(fields, TaskFileKeys.Branch);
        if (branch is not null && GitBranchName.Problem(branch) is { } problem)
        {
            Error(fields[TaskFileKeys.Branch].Value, $"'branch' is not a valid git branch name: {problem}.");
            return null;
        }

        return branch;
    }

    private string? Text(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string key)
        => fields.TryGetValue(key, out var field) ? Scalar(field.Value, key) : null;

    private string? Scalar(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
        }

        var kind = node is YamlSequenceNode ? "a list" : "a mapping";
        Error(node, $"'{key}' must be text, not {kind}; put it in quotes if it contains ': ' or starts with '[' or '{{'.");
        return null;
    }

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string UnknownKey(string key, string kind, IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string> synonyms)
    {
        var suggestion = KeySuggester.Suggest(key, known, synonyms);
        var hint = suggestion is null ? $"Known keys: {string.Join(", ", known)}." : $"Did you mean '{suggestion}'?";
        return $"Unknown {kind} '{key}'. {hint}";
    }

    private int Line(YamlNode node) => checked((int)node.Start.Line) + _lineOffset;

    private void Error(YamlNode node, string message) => _errors.Add(new TaskFileError(Line(node), checked((int)node.Start.Column), message));
}
