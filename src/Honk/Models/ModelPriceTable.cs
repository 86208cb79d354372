using System.Collections.ObjectModel;

namespace Honk.Models;

/// <summary>
/// Prices per model id, feeding the session's cost budget. Lookups match the exact id first, then the longest
/// configured prefix (so <c>claude-sonnet-4-5</c> prices <c>claude-sonnet-4-5-20250929</c>). Immutable: use
/// <see cref="With"/> or <see cref="WithOverrides"/> to add or override; <see cref="Default"/> holds the list prices of
/// both providers' current public models.
/// </summary>
public sealed partial class ModelPriceTable
{
    // A plain dictionary, not a frozen one: a table is built once per process and looked up a few times per session,
    // and freezing (analysing the keys for the fastest lookup) cost ~10 ms of every honk run's start-up.
    private readonly ReadOnlyDictionary<string, ModelPrice> _prices;

    /// <summary>Creates a table from explicit prices.</summary>
    /// <param name="prices">Model id (or id prefix) to price.</param>
    public ModelPriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var table = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in prices)
        {
            table[model] = price;
        }

        _prices = table.AsReadOnly();
    }

    /// <summary>An empty table: every model costs 0.</summary>
    public static ModelPriceTable Empty { get; } = new([]);

    /// <summary>The configured entries.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices => _prices;

    /// <summary>Returns a table with <paramref name="model"/> priced at <paramref name="price"/>.</summary>
    /// <param name="model">The model id or id prefix.</param>
    /// <param name="price">Its price.</param>
    /// <returns>A new table.</returns>
    public ModelPriceTable With(string model, ModelPrice price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(price);
        var copy = new Dictionary<string, ModelPrice>(_prices, StringComparer.OrdinalIgnoreCase) { [model] = price };
        return new ModelPriceTable(copy);
    }

    /// <summary>Returns a table with every entry of <paramref name="overrides"/> added or replacing this table's entry.</summary>
    /// <param name="overrides">Model id (or id prefix) to price, e.g. bound from the configuration section <c>Honk:Prices</c>.</param>
    /// <returns>A new table; this one when <paramref name="overrides"/> is <see langword="null"/> or empty.</returns>
    /// <exception cref="FormatException">An entry lacks its input or output price.</exception>
    public ModelPriceTable WithOverrides(IEnumerable<KeyValuePair<string, ModelPriceSetting>>? overrides)
    {
        if (overrides is null)
        {
            return this;
        }

        var copy = new Dictionary<string, ModelPrice>(_prices, StringComparer.OrdinalIgnoreCase);
        var changed = false;
        foreach (var (model, setting) in overrides)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(model);
            ArgumentNullException.ThrowIfNull(setting);
            copy[model.Trim()] = setting.ToPrice(model);
            changed = true;
        }

        return changed ? new ModelPriceTable(copy) : this;
    }

    /// <summary>Finds the price of a model: exact id, else the longest matching prefix.</summary>
    /// <param name="modelId">The model id (a provider prefix such as <c>openai:</c> is ignored; other colons, as in <c>llama3.1:8b</c>, are kept).</param>
    /// <param name="price">The price when found.</param>
    /// <returns><see langword="true"/> when the model has a price.</returns>
    public bool TryGetPrice(string? modelId, out ModelPrice price)
    {
        price = null!;
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return false;
        }

        // Only a provider prefix is dropped: Ollama's ids carry a colon of their own (llama3.1:8b).
        var colon = modelId.IndexOf(':', StringComparison.Ordinal);
        var id = colon >= 0 && !_prices.ContainsKey(modelId) && IsProvider(modelId[..colon]) ? modelId[(colon + 1)..] : modelId;
        if (_prices.TryGetValue(id, out var exact))
        {
            price = exact;
            return true;
        }

        var best = -1;
        foreach (var (key, value) in _prices)
        {
            if (key.Length > best && id.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                best = key.Length;
                price = value;
            }
        }

        return best >= 0;
    }

    private static bool IsProvider(string prefix)
        => prefix.Equals(ModelSpec.AnthropicProvider, StringComparison.OrdinalIgnoreCase)
            || prefix.Equals(ModelSpec.OpenAIProvider, StringComparison.OrdinalIgnoreCase)
            || prefix.Equals(ModelSpec.OpenAICompatibleProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The cost of one call; 0 when the model has no price.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="inputTokens">Input tokens, including cached ones and cache writes.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <param name="cachedInputTokens">The part of the input read from the prompt cache.</param>
    /// <param name="cacheWriteInputTokens">The part of the input written to the prompt cache.</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal Cost(string? modelId, long inputTokens, long outputTokens, long cachedInputTokens = 0, long cacheWriteInputTokens = 0)
        => TryGetPrice(modelId, out var price) ? price.Cost(inputTokens, outputTokens, cachedInputTokens, cacheWriteInputTokens) : 0m;
}
