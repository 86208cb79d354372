using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Scripting;

/// <summary>
/// Compile-time JSON metadata for reading a model script, with the strictness <see cref="ModelScriptJson"/> promises.
/// Reading a two-turn script with reflection cost about 110 ms of CPU (metadata built at run time and
/// <c>System.Reflection.Emit</c>), and <c>honk run</c> reads the script twice: when it checks the model, then for the
/// session (docs/benchmarks.md, seventh round).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ModelScript))]
internal sealed partial class ModelScriptJsonContext : JsonSerializerContext;
