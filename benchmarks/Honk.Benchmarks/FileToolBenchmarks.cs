using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Honk.Benchmarks.Harness;
using Honk.Tools;
using Microsoft.Extensions.AI;

namespace Honk.Benchmarks;

/// <summary>
/// Issue 4, item 4: <c>read_file</c> and <c>edit_file</c> on a 50,000-line C# file (about 4.4 MB), each beside the
/// smallest hand-written code that gives the same answer (read all lines and number a page; read, check the old text
/// is unique, replace, write back). An edit operation edits the middle line there and back again, so the file is the
/// same before every operation; the figures are per edit.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
[MinIterationTime(250)]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FileToolBenchmarks
{
    public const int Lines = 50_000;
    private const string FileName = "Big.cs";

    private string _folder = null!;
    private string _path = null!;
    private AIFunction _read = null!;
    private AIFunction _edit = null!;
    private ToolContext _context = null!;
    private string _middle = null!;
    private string _middleEdited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "honk-bench-files-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, FileName);
        var text = new StringBuilder();
        for (var i = 1; i <= Lines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    public static int Compute{i:00000}(int value) => checked(value * {i % 97} + {i}); // line {i}\n");
        }

        File.WriteAllText(_path, text.ToString());
        _middle = $"// line {Lines / 2}\n";
        _middleEdited = $"// line {Lines / 2} (edited)\n";
        var tools = BuiltInTools.Create();
        _read = tools.Single(t => t.Name == "read_file");
        _edit = tools.Single(t => t.Name == "edit_file");
        _context = new ToolContext("bench", new CodingTask("file benchmark"), new FolderWorkspace(_folder));

        var page = ReadFirstPage();
        var hand = HandReadFirstPage();
        if (!page.Contains("Compute02000", StringComparison.Ordinal) || !hand.Contains("Compute02000", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("read_file did not return the first 2000 lines");
        }

        Edit();
        HandEdit();
        if (File.ReadAllText(_path) != text.ToString())
        {
            throw new InvalidOperationException("edits there and back did not restore the file");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "hand: read all, number 2000 lines")]
    [BenchmarkCategory("read first page")]
    public string HandReadFirstPage() => HandPage(1, 2000);

    [Benchmark(Description = "read_file (default page)")]
    [BenchmarkCategory("read first page")]
    public string ReadFirstPage() => Invoke(_read, new() { ["path"] = FileName });

    [Benchmark(Baseline = true, Description = "hand: read all, number 100 lines at 25,000")]
    [BenchmarkCategory("read middle")]
    public string HandReadMiddle() => HandPage(Lines / 2, 100);

    [Benchmark(Description = "read_file offset 25,000 limit 100")]
    [BenchmarkCategory("read middle")]
    public string ReadMiddle() => Invoke(_read, new() { ["path"] = FileName, ["offset"] = Lines / 2, ["limit"] = 100 });

    [Benchmark(Baseline = true, Description = "hand: read, unique check, replace, write", OperationsPerInvoke = 2)]
    [BenchmarkCategory("edit middle line")]
    public void HandEdit()
    {
        HandReplace(_middle, _middleEdited);
        HandReplace(_middleEdited, _middle);
    }

    [Benchmark(Description = "edit_file", OperationsPerInvoke = 2)]
    [BenchmarkCategory("edit middle line")]
    public void Edit()
    {
        Invoke(_edit, new() { ["path"] = FileName, ["old_text"] = _middle, ["new_text"] = _middleEdited });
        Invoke(_edit, new() { ["path"] = FileName, ["old_text"] = _middleEdited, ["new_text"] = _middle });
    }

    private string HandPage(int offset, int limit)
    {
        var lines = File.ReadAllLines(_path);
        var page = new StringBuilder();
        for (var i = offset - 1; i < Math.Min(lines.Length, offset - 1 + limit); i++)
        {
            page.Append(CultureInfo.InvariantCulture, $"{i + 1,6}\t").Append(lines[i]).Append('\n');
        }

        return page.ToString();
    }

    private void HandReplace(string oldText, string newText)
    {
        var text = File.ReadAllText(_path);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(oldText, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("old text missing or not unique");
        }

        File.WriteAllText(_path, string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length)));
    }

    private string Invoke(AIFunction tool, Dictionary<string, object?> arguments)
    {
        var result = tool.InvokeAsync(new AIFunctionArguments(arguments).WithToolContext(_context)).AsTask().GetAwaiter().GetResult();
        return result as string ?? throw new InvalidOperationException($"{tool.Name} returned no text");
    }
}
