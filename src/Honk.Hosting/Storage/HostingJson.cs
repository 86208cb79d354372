using System.Text.Json;
using System.Text.Json.Serialization;
using Honk.Tasks;
using Honk.Transcripts;

namespace Honk.Hosting;

/// <summary>The JSON shape of stored requests, results and effect outcomes: the transcript's options plus the host's enums.</summary>
public static class HostingJson
{
    /// <summary>The serializer options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(TranscriptJson.Options);
        options.Converters.Add(new JsonStringEnumConverter<TaskDelivery>(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new JsonStringEnumConverter<ApprovalState>(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new JsonStringEnumConverter<EffectState>(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
