namespace Honk.Workspaces.Git.Internal;

/// <summary>File-system helpers for cleanup paths, where a failure must not hide the original error.</summary>
internal static class FileSystem
{
    /// <summary>Deletes a folder tree if it exists; returns false when it could not be deleted.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>True when the folder is gone.</returns>
    public static bool DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Deletes a file if it exists; returns false when it could not be deleted.</summary>
    /// <param name="path">The file.</param>
    /// <returns>True when the file is gone.</returns>
    public static bool DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
