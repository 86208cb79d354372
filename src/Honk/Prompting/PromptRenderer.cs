using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Honk.Prompting;

/// <summary>Renders each prompt section's text. Layout only; what is kept or cut is <see cref="PromptBuilder"/>'s call.</summary>
internal static class PromptRenderer
{
    private const int MaxToolSummaryChars = 240;

    public static string Rules(PromptTemplate template)
    {
        var text = new StringBuilder(template.Identity.Trim()).AppendLine().AppendLine().AppendLine("# Rules");
        for (var i = 0; i < template.Rules.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. ").AppendLine(template.Rules[i].Trim());
        }

        return text.ToString().TrimEnd();
    }

    public static string Tools(IReadOnlyList<AITool> tools)
    {
        var text = new StringBuilder("# Tools").AppendLine();
        if (tools.Count == 0)
        {
            return text.Append("No tools are available in this session: answer in text.").ToString();
        }

        foreach (var tool in tools)
        {
            text.Append("- `").Append(tool.Name).Append('`');
            var summary = Summary(tool.Description);
            if (summary.Length > 0)
            {
                text.Append(": ").Append(summary);
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    public static string Build(RepositoryFacts facts, IReadOnlyList<string> validators)
    {
        var text = new StringBuilder("# Repository").AppendLine();
        if (facts.BuildSystems.Count == 0)
        {
            text.AppendLine("No build system was recognised. Look for the repository's own instructions on how to build and test.");
        }
        else
        {
            text.AppendLine("Build systems found (the matching validators check your work):");
            foreach (var build in facts.BuildSystems)
            {
                text.Append("- ").Append(build.Name).Append(": ").Append(build.Marker).Append(" (validator: ").Append(build.Validator).AppendLine(")");
            }
        }

        if (validators.Count > 0)
        {
            text.Append("Checks that run when you finish: ").AppendJoin(", ", validators).AppendLine(".");
        }

        return text.ToString().TrimEnd();
    }

    public static string? Languages(RepositoryFacts facts)
    {
        if (facts.Languages.Count == 0)
        {
            return null;
        }

        var total = Math.Max(1, facts.Languages.Sum(l => l.Files));
        var parts = facts.Languages.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} {l.Files} ({l.Files * 100.0 / total:0}%)"));
        return "Languages (files by extension): " + string.Join(", ", parts) + ".";
    }

    public static string? Tree(RepositoryFacts facts)
    {
        if (facts.TopLevel.Count == 0)
        {
            return null;
        }

        var source = facts.FromGit ? "files tracked by git" : "files";
        var count = facts.FileListCapped ? $"more than {facts.FileCount}" : facts.FileCount.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Top level ({count} {source}):").AppendLine();
        foreach (var entry in facts.TopLevel)
        {
            text.Append("- ").Append(entry.Name);
            if (entry.IsDirectory)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({entry.Files} {(entry.Files == 1 ? "file" : "files")})");
            }

            text.AppendLine();
        }

        if (facts.TopLevelOmitted > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"- … and {facts.TopLevelOmitted} more").AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    public static string InstructionsHeader(PromptTemplate template)
        => "# Repository instructions" + "\n" + template.InstructionFilesPreamble.Trim();

    public static string InstructionFile(InstructionFile file, int? maxContentChars)
    {
        var scope = file.AppliesTo.Length == 0 ? "applies to the whole repository" : $"applies to {file.AppliesTo}";
        var heading = $"## {file.Path} ({scope})\n";
        if (maxContentChars is 0)
        {
            return heading + string.Create(CultureInfo.InvariantCulture, $"[Left out to fit the prompt budget ({file.OriginalChars} characters). Read it with read_file before you start.]");
        }

        var content = file.Content;
        if (maxContentChars is { } max && max < content.Length)
        {
            // Cut at a line end so the model never sees half a command.
            var newline = content.LastIndexOf('\n', Math.Max(0, max - 1));
            content = content[..(newline > max / 2 ? newline : max)];
        }

        if (content.Length < file.OriginalChars)
        {
            content = content.TrimEnd() + "\n" + string.Create(CultureInfo.InvariantCulture, $"[… Honk cut this file here to fit the prompt budget: {content.Length} of {file.OriginalChars} characters shown. Read the rest with read_file.]");
        }

        return heading + content;
    }

    public static string Task(CodingTask task, PromptTemplate template)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(task.Title))
        {
            text.Append("# ").AppendLine(task.Title.Trim()).AppendLine();
        }

        text.AppendLine("## Goal (the end state to reach)").AppendLine(task.Goal.Trim());
        if (task.Preconditions.Count > 0)
        {
            text.AppendLine().AppendLine("## Preconditions").AppendLine(template.PreconditionsNote.Trim());
            AppendItems(text, task.Preconditions);
        }

        if (task.Examples.Count > 0)
        {
            text.AppendLine().AppendLine("## Examples");
            AppendItems(text, task.Examples);
        }

        if (!string.IsNullOrWhiteSpace(task.DefinitionOfDone))
        {
            text.AppendLine().AppendLine("## Done when").AppendLine(task.DefinitionOfDone.Trim());
        }

        if (task.AllowedPaths.Count > 0)
        {
            text.AppendLine().AppendLine("## Allowed paths").AppendLine("Change only files matching these paths:");
            AppendItems(text, task.AllowedPaths);
        }

        return text.ToString().TrimEnd();
    }

    private static void AppendItems(StringBuilder text, IReadOnlyList<string> items)
    {
        foreach (var item in items)
        {
            // Continuation lines are indented so a multi-line example stays one list item.
            var lines = item.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            text.Append("- ").AppendLine(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(line.Length == 0 ? string.Empty : "  ").AppendLine(line);
            }
        }
    }

    private static string Summary(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return string.Empty;
        }

        var text = description.Trim().ReplaceLineEndings(" ");
        var stop = text.IndexOf(". ", StringComparison.Ordinal);
        text = stop > 0 ? text[..(stop + 1)] : text;
        return text.Length > MaxToolSummaryChars ? text[..(MaxToolSummaryChars - 1)].TrimEnd() + "…" : text;
    }
}
