using System.Text.Json;
using System.Text.Json.Nodes;
using Honk.Benchmarks.Harness;
using Honk.Hosting;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// What "the store is consistent" means after the load: every session final and succeeded in the store and through the
/// API, one attempt each, a gap-free event stream ending with its only completion, a succeeded <c>delivery:push</c>
/// whose commit is the branch tip in the remote, and exactly one branch per session holding exactly one commit.
/// </summary>
internal static class HostLoadCheck
{
    public static async Task<IReadOnlyList<string>> RunAsync(HostLoadServer server, IReadOnlyList<string> ids)
    {
        var problems = new List<string>();
        var tips = await BranchTipsAsync(server.Repository).ConfigureAwait(false);
        var expectedBranches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var record = await server.Store.GetAsync(id).ConfigureAwait(false);
            if (record is null)
            {
                problems.Add($"{id}: missing from the store");
                continue;
            }

            expectedBranches.Add(record.Branch);
            if (record.Status != HostedSessionStatus.Succeeded)
            {
                problems.Add($"{id}: {record.Status.ToWireName()} ({record.Result?.Message})");
            }

            if (record.Attempts != 1)
            {
                problems.Add($"{id}: {record.Attempts} attempts");
            }

            var events = await server.Store.ReadEventsAsync(id, 0, 10_000).ConfigureAwait(false);
            if (!events.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, events.Count).Select(n => (long)n)))
            {
                problems.Add($"{id}: event sequence has gaps or repeats ({string.Join(',', events.Select(e => e.Sequence))})");
            }

            if (events.OfType<SessionCompleted>().Count() != 1 || events.Count == 0 || events[^1] is not SessionCompleted)
            {
                problems.Add($"{id}: {events.OfType<SessionCompleted>().Count()} completions, last event {events.LastOrDefault()?.GetType().Name}");
            }

            if (record.LastSequence != events.Count)
            {
                problems.Add($"{id}: LastSequence {record.LastSequence} but {events.Count} events stored");
            }

            var effects = await server.Store.ListEffectsAsync(id).ConfigureAwait(false);
            var push = effects.SingleOrDefault(e => e.EffectKey == LedgeredDeliveryChannel.EffectKey("push"));
            if (effects.Count != 1 || push is not { State: EffectState.Succeeded, Attempts: 1 })
            {
                problems.Add($"{id}: effects ledger {string.Join(", ", effects.Select(e => $"{e.EffectKey}={e.State}/{e.Attempts}"))}");
            }
            else
            {
                var commit = JsonSerializer.Deserialize<DeliveryResult>(push.OutcomeJson!, HostingJson.Options)?.Commit;
                if (!tips.TryGetValue(record.Branch, out var tip) || tip != commit || commit != record.Result?.Commit)
                {
                    problems.Add($"{id}: ledger commit {commit}, result commit {record.Result?.Commit}, remote tip {tip ?? "(no branch)"}");
                }
                else if ((await Proc.GitAsync(server.Repository, "rev-list", "--count", $"main..{record.Branch}").ConfigureAwait(false)).StandardOutput.Trim() != "1")
                {
                    problems.Add($"{id}: branch {record.Branch} does not hold exactly one commit over main");
                }
            }
        }

        var extra = tips.Keys.Where(b => b != "main" && !expectedBranches.Contains(b)).ToList();
        if (extra.Count > 0)
        {
            problems.Add($"remote holds {extra.Count} branches no session owns: {string.Join(", ", extra.Take(5))}");
        }

        problems.AddRange(await CheckApiAsync(server, ids).ConfigureAwait(false));
        return problems;
    }

    /// <summary>The API's view must agree with the store: every id listed, each one succeeded.</summary>
    private static async Task<IEnumerable<string>> CheckApiAsync(HostLoadServer server, IReadOnlyList<string> ids)
    {
        var text = await server.Client.GetStringAsync(new Uri("api/sessions?limit=500", UriKind.Relative)).ConfigureAwait(false);
        var listed = JsonNode.Parse(text)!["sessions"]!.AsArray()
            .ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!["status"]!.GetValue<string>(), StringComparer.Ordinal);
        return ids.Where(id => !listed.TryGetValue(id, out var status) || status != "succeeded")
            .Select(id => $"{id}: the API lists it as {(listed.TryGetValue(id, out var s) ? s : "(absent)")}");
    }

    private static async Task<Dictionary<string, string>> BranchTipsAsync(string repository)
    {
        var output = await Proc.GitAsync(repository, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads").ConfigureAwait(false);
        return output.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }
}
