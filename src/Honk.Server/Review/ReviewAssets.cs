using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>The page's stylesheet and script, embedded in the assembly so the host needs no static files or CDN.</summary>
internal static class ReviewAssets
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IResult Get(string name)
        => Files.TryGetValue(name, out var file)
            ? Results.File(file.Content, file.ContentType)
            : Results.NotFound();

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ReviewAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("honk.css", "text/css; charset=utf-8"), ("honk.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("Honk.Server.Assets." + name)
                ?? throw new InvalidOperationException($"The embedded asset {name} is missing.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), type);
        }

        return files;
    }
}
