using System.Runtime.CompilerServices;

namespace Honk.Server.Tests;

/// <summary>
/// Where browser tests put their phone-size screenshots: a temp folder by default, so a test run never rewrites the
/// tracked images; <c>HONK_UPDATE_SCREENSHOTS=1</c> writes them to docs/images to refresh the documentation.
/// </summary>
internal static class Screenshots
{
    public static string PathFor(string name, [CallerFilePath] string here = "")
    {
        var dir = Environment.GetEnvironmentVariable("HONK_UPDATE_SCREENSHOTS") == "1"
            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../docs/images"))
            : Path.Combine(Path.GetTempPath(), "honk-screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
