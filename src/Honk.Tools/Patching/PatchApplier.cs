using System.Globalization;
using Honk.Tools.Files;

namespace Honk.Tools.Patching;

/// <summary>
/// Applies a parsed patch atomically: every hunk of every file is verified and applied in memory first; only when
/// all succeed are the files written, and a failed write restores what was already written.
/// </summary>
internal sealed class PatchApplier
{
    private readonly WorkspaceFence _fence;
    private readonly long _maxFileBytes;
    private readonly Dictionary<string, (FencedPath Path, TextDocument? Document)> _planned = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<string> _report = [];

    public PatchApplier(WorkspaceFence fence, long maxFileBytes)
    {
        _fence = fence;
        _maxFileBytes = maxFileBytes;
    }

    public async Task<string> ApplyAsync(string patch, CancellationToken cancellationToken)
    {
        var files = PatchParser.Parse(patch);
        for (var n = 0; n < files.Count; n++)
        {
            await PlanAsync(files[n], n + 1, cancellationToken).ConfigureAwait(false);
        }

        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return "applied the patch:\n" + string.Join('\n', _report.Select(r => "- " + r)) + "\n";
    }

    private async Task PlanAsync(FilePatch file, int number, CancellationToken cancellationToken)
    {
        var oldPath = file.OldPath is null ? null : Fence(file.OldPath, number);
        var newPath = file.NewPath is null ? null : Fence(file.NewPath, number);
        TextDocument document;
        if (oldPath is null)
        {
            if (newPath is null)
            {
                throw new PatchException($"file {number}: both header paths are /dev/null.");
            }

            if (Exists(newPath))
            {
                throw new PatchException($"{newPath.RelativePath}: the patch creates it (--- /dev/null) but it already exists; patch it as a change, or use write_file.");
            }

            document = TextDocument.CreateNew("");
        }
        else
        {
            document = await LoadAsync(oldPath, cancellationToken).ConfigureAwait(false);
        }

        var display = (newPath ?? oldPath)!.RelativePath;
        var text = ApplyHunks(file, display, document.Text);
        if (newPath is null)
        {
            if (text.Length > 0 && file.Hunks.Count > 0)
            {
                throw new PatchException($"{display}: the patch deletes the file (+++ /dev/null) but its hunks do not remove every line.");
            }

            Plan(oldPath!, null);
            _report.Add($"deleted {oldPath!.RelativePath}");
            return;
        }

        if (oldPath is not null && !string.Equals(oldPath.FullPath, newPath.FullPath, StringComparison.Ordinal))
        {
            if (Exists(newPath))
            {
                throw new PatchException($"{oldPath.RelativePath}: cannot rename it to '{newPath.RelativePath}', which already exists.");
            }

            Plan(oldPath, null);
            _report.Add($"renamed {oldPath.RelativePath} -> {newPath.RelativePath}" + HunkNote(file));
        }
        else
        {
            _report.Add((oldPath is null ? "created " : "modified ") + newPath.RelativePath + HunkNote(file));
        }

        Plan(newPath, document.WithText(text));
    }

    private string ApplyHunks(FilePatch file, string display, string text)
    {
        var lines = TextDocument.SplitLines(text).ToList();
        var trailingNewline = text.Length == 0 || text.EndsWith('\n');
        var delta = 0;
        var minimum = 0;
        for (var h = 0; h < file.Hunks.Count; h++)
        {
            var hunk = file.Hunks[h];
            var oldLines = hunk.OldLines;
            var expected = Math.Max(0, (hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1) + delta);
            var (index, fuzzy) = oldLines.Count == 0
                ? (Math.Clamp(expected, minimum, lines.Count), false)
                : HunkLocator.Locate(lines, expected, minimum, oldLines);
            if (index < 0)
            {
                throw NotFound(file, h, display, lines, expected, oldLines);
            }

            var replacement = new List<string>();
            var cursor = index;
            foreach (var line in hunk.Lines)
            {
                switch (line.Kind)
                {
                    case ' ':
                        replacement.Add(lines[cursor++]);
                        break;
                    case '-':
                        cursor++;
                        break;
                    default:
                        replacement.Add(line.Text);
                        break;
                }
            }

            var endsAtEof = index + oldLines.Count == lines.Count;
            lines.RemoveRange(index, oldLines.Count);
            lines.InsertRange(index, replacement);
            if (endsAtEof && hunk.NewEndsWithoutNewline)
            {
                trailingNewline = false;
            }
            else if (endsAtEof && hunk.OldEndsWithoutNewline)
            {
                trailingNewline = true;
            }

            if (index != expected || fuzzy)
            {
                _report.Add(string.Create(CultureInfo.InvariantCulture, $"  {display}, hunk {h + 1}: applied at line {index + 1} (its header said {expected + 1}){(fuzzy ? ", ignoring whitespace differences" : "")}"));
            }

            delta += index - expected + replacement.Count - oldLines.Count;
            minimum = index + replacement.Count;
        }

        return lines.Count == 0 ? "" : string.Join('\n', lines) + (trailingNewline ? "\n" : "");
    }

    private static PatchException NotFound(FilePatch file, int h, string display, List<string> lines, int expected, List<string> oldLines)
    {
        var hunk = file.Hunks[h];
        var message = $"{display}, hunk {h + 1} of {file.Hunks.Count} ({hunk}): the lines it expects were not found" +
            (lines.Count == 0 ? " (the file is empty)" : " anywhere after the previous hunk") + ". Expected:\n" +
            string.Concat(oldLines.Select(l => "  |" + l + "\n"));
        if (lines.Count > 0)
        {
            var start = Math.Clamp(expected, 0, lines.Count - 1);
            var end = Math.Min(lines.Count - 1, start + Math.Max(oldLines.Count, 1) + 1);
            message += $"The file has at lines {start + 1}-{end + 1}:\n" + ClosestMatchFinder.Numbered([.. lines], start, end);
        }

        return new PatchException(message + "Read the file again and rebuild the hunk from its current text.");
    }

    private FencedPath Fence(string path, int number)
    {
        try
        {
            return _fence.ResolveForWrite(path);
        }
        catch (ToolException ex) when (ex is not PatchException)
        {
            throw new PatchException($"file {number} ('{path}'): {ex.Message}", ex);
        }
    }

    private bool Exists(FencedPath path)
        => _planned.TryGetValue(path.FullPath, out var planned) ? planned.Document is not null : path.Exists;

    private async Task<TextDocument> LoadAsync(FencedPath path, CancellationToken cancellationToken)
    {
        if (_planned.TryGetValue(path.FullPath, out var planned))
        {
            return planned.Document ?? throw new PatchException($"{path.RelativePath}: an earlier part of this patch deleted or renamed it.");
        }

        var bytes = await WorkspaceFiles.ReadExistingAsync(path, _maxFileBytes, cancellationToken).ConfigureAwait(false);
        return TextDocument.TryDecode(bytes)
            ?? throw new PatchException($"{path.RelativePath} is a binary file; apply_patch changes text files only.");
    }

    private void Plan(FencedPath path, TextDocument? document)
    {
        if (!_planned.ContainsKey(path.FullPath))
        {
            _order.Add(path.FullPath);
        }

        _planned[path.FullPath] = (path, document);
    }

    private static string HunkNote(FilePatch file) => file.Hunks.Count switch
    {
        0 => "",
        1 => " (1 hunk)",
        var n => $" ({n} hunks)",
    };

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var originals = new List<(string FullPath, byte[]? Bytes)>();
        try
        {
            foreach (var fullPath in _order)
            {
                var (path, document) = _planned[fullPath];
                originals.Add((fullPath, File.Exists(fullPath) ? await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false) : null));
                if (document is null)
                {
                    File.Delete(fullPath);
                }
                else
                {
                    await WorkspaceFiles.WriteAsync(_fence, path, document.Encode(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ToolException or OperationCanceledException)
        {
            foreach (var (fullPath, bytes) in originals)
            {
                if (bytes is null)
                {
                    File.Delete(fullPath);
                }
                else
                {
                    await File.WriteAllBytesAsync(fullPath, bytes, CancellationToken.None).ConfigureAwait(false);
                }
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new PatchException($"writing the patched files failed ({ex.Message}); every file was restored.", ex);
        }
    }
}
