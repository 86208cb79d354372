namespace Honk.Tools.Files;

/// <summary>Reads and writes workspace files for the tools, turning I/O failures into messages for the model.</summary>
internal static class WorkspaceFiles
{
    /// <summary>Reads an existing regular file that passed the fence.</summary>
    /// <param name="path">The fenced path.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes.</returns>
    public static async Task<byte[]> ReadExistingAsync(FencedPath path, long maxBytes, CancellationToken cancellationToken)
    {
        if (!path.Exists)
        {
            throw new ToolException($"file '{path.RelativePath}' does not exist; use list_files to see what is there.");
        }

        if (path.IsDirectory)
        {
            throw new ToolException($"'{path.RelativePath}' is a folder, not a file; use list_files to see what is in it.");
        }

        var length = new FileInfo(path.FullPath).Length;
        if (length > maxBytes)
        {
            throw new ToolException($"file '{path.RelativePath}' is {length:N0} bytes, more than the {maxBytes:N0} this tool opens; use search to find what you need in it.");
        }

        try
        {
            return await File.ReadAllBytesAsync(path.FullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read '{path.RelativePath}': {ex.GetType().Name}.", ex);
        }
    }

    /// <summary>Writes a file that passed the fence, creating its parent folders.</summary>
    /// <param name="fence">The fence, to check created parent folders stay inside.</param>
    /// <param name="path">The fenced path.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task WriteAsync(WorkspaceFence fence, FencedPath path, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            var parent = Path.GetDirectoryName(path.FullPath)!;
            if (!Directory.Exists(parent))
            {
                if (File.Exists(parent))
                {
                    throw new ToolException($"cannot write '{path.RelativePath}': '{fence.ResolveForRead(parent).RelativePath}' is a file, not a folder.");
                }

                Directory.CreateDirectory(parent);
            }

            await File.WriteAllBytesAsync(path.FullPath, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot write '{path.RelativePath}': {ex.GetType().Name}.", ex);
        }
    }
}
