using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Transcripts;

/// <summary>
/// Transcript metadata generated at build time. A short process (<c>honk run</c>) writes a few dozen lines, and the
/// reflection serializer spent more CPU building its metadata (and emitting accessors) than writing them. The names
/// and rules match <see cref="TranscriptJson.Options"/>, whose runtime settings (converters, nulls, escaping) still
/// apply; types outside this set fall back to reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AgentEvent))]
internal sealed partial class TranscriptJsonContext : JsonSerializerContext;
