using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Honk.Transcripts;

namespace Honk.Tests.Transcripts;

/// <summary>
/// Transcript lines are written with metadata generated at build time; they must be byte for byte what the reflection
/// serializer wrote before (readers, replays and the host's store depend on the shape), and read back the same.
/// </summary>
public sealed class TranscriptJsonContextTests
{
    private static readonly JsonSerializerOptions Reflection = new(TranscriptJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static TheoryData<int> EveryEvent() => [.. Enumerable.Range(0, Events().Count)];

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_is_written_as_the_reflection_serializer_writes_it(int index)
    {
        var agentEvent = Events()[index];

        var generated = TranscriptJson.Serialize(agentEvent);

        Assert.Equal(JsonSerializer.Serialize(agentEvent, Reflection), generated);
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<AgentEvent>(generated, Reflection), Reflection), TranscriptJson.Serialize(TranscriptJson.Deserialize(generated)));
    }

    [Fact]
    public void The_generated_metadata_is_in_use()
    {
        foreach (var type in Events().Select(e => e.GetType()).Append(typeof(AgentEvent)))
        {
            Assert.True(TranscriptJson.Options.TryGetTypeInfo(type, out var info));
            Assert.IsType<TranscriptJsonContext>(info.OriginatingResolver);
        }
    }

    private static List<AgentEvent> Events()
        => [.. TranscriptEvents.OfEveryType(), new UserMessageDelivered(2, "alice", "also fix the docs"), new PlanProposed("1. read\n2. fix"), new PlanDecided(false, "bob", "smaller please")];
}
