using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>Reads a raw request body up to a limit, so signatures can be checked on the exact bytes.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A body that must be one JSON object (an empty body reads as <c>{}</c>): the object, or the reason and status to
    /// refuse it with (413 too large, 400 malformed or not an object).
    /// </summary>
    public static async Task<(JsonElement? Body, string? Refusal, int Status)> ReadJsonObjectAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, "body too large", StatusCodes.Status413PayloadTooLarge);
        }

        if (bytes.Length == 0)
        {
            return (JsonDocument.Parse("{}").RootElement.Clone(), null, StatusCodes.Status200OK);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null, StatusCodes.Status200OK)
                : (null, "the body must be a JSON object", StatusCodes.Status400BadRequest);
        }
        catch (JsonException)
        {
            return (null, "malformed JSON", StatusCodes.Status400BadRequest);
        }
    }
}
