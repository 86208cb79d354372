using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Honk.Benchmarks.Suites.Caching;

/// <summary>
/// Bills one Messages API request the way Anthropic documents prompt caching: the prefix is tools, then system, then
/// messages, in block order; a block with <c>cache_control</c> is a breakpoint; a request reads the longest cached prefix
/// that ends at a breakpoint or up to 20 blocks before one, writes the prefixes of its breakpoints beyond that (when at
/// least <see cref="MinimumCacheableTokens"/> long), and pays full price for the rest. Tokens are estimated as UTF-8
/// bytes / 4 of each block's JSON (without its cache_control), the same estimate for both runs of the comparison.
/// </summary>
internal sealed class PromptCacheAccountant
{
    /// <summary>The smallest cacheable prefix of Sonnet-class models.</summary>
    public const int MinimumCacheableTokens = 1024;

    private const int Lookback = 20;
    private readonly HashSet<string> _cached = new(StringComparer.Ordinal);

    /// <summary>Bills one request body.</summary>
    /// <param name="requestBody">The JSON the client sent.</param>
    /// <returns>(uncached input, cache reads, cache writes) in tokens.</returns>
    public (int Input, int CacheRead, int CacheWrite) Bill(string requestBody)
    {
        var blocks = Blocks(JsonNode.Parse(requestBody)!.AsObject());
        var prefixTokens = new int[blocks.Count];
        var prefixKeys = new string[blocks.Count];
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var total = 0;
            for (var i = 0; i < blocks.Count; i++)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(blocks[i].Json));
                total += (Encoding.UTF8.GetByteCount(blocks[i].Json) + 3) / 4;
                prefixTokens[i] = total;
                prefixKeys[i] = Convert.ToHexString(hash.GetCurrentHash());
            }
        }

        var all = blocks.Count == 0 ? 0 : prefixTokens[^1];
        var breakpoints = Enumerable.Range(0, blocks.Count).Where(i => blocks[i].Breakpoint).ToList();
        if (breakpoints.Count == 0)
        {
            return (all, 0, 0);
        }

        var hit = -1;
        foreach (var point in breakpoints)
        {
            for (var i = point; i >= Math.Max(0, point - Lookback); i--)
            {
                if (_cached.Contains(prefixKeys[i]))
                {
                    hit = Math.Max(hit, i);
                    break;
                }
            }
        }

        var read = hit >= 0 ? prefixTokens[hit] : 0;
        var last = breakpoints[^1];
        var write = 0;
        if (last > hit && prefixTokens[last] >= MinimumCacheableTokens)
        {
            write = prefixTokens[last] - read;
            foreach (var point in breakpoints.Where(p => p > hit && prefixTokens[p] >= MinimumCacheableTokens))
            {
                _cached.Add(prefixKeys[point]);
            }
        }

        return (all - read - write, read, write);
    }

    private static List<(string Json, bool Breakpoint)> Blocks(JsonObject body)
    {
        var blocks = new List<(string, bool)>();
        foreach (var tool in body["tools"]?.AsArray() ?? [])
        {
            blocks.Add(Block(tool!));
        }

        switch (body["system"])
        {
            case JsonArray system:
                blocks.AddRange(system.Select(b => Block(b!)));
                break;
            case JsonValue text:
                blocks.Add((text.ToJsonString(), false));
                break;
        }

        foreach (var message in body["messages"]?.AsArray() ?? [])
        {
            var role = message!["role"]!.GetValue<string>();
            switch (message["content"])
            {
                case JsonArray content:
                    blocks.AddRange(content.Select(b => Block(b!, role)));
                    break;
                case JsonValue text:
                    blocks.Add((role + text.ToJsonString(), false));
                    break;
            }
        }

        return blocks;
    }

    private static (string Json, bool Breakpoint) Block(JsonNode node, string role = "")
    {
        var copy = node.DeepClone().AsObject();
        var breakpoint = copy.Remove("cache_control");
        return (role + copy.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), breakpoint);
    }
}
