namespace Honk.Models;

/// <summary>
/// One model's price as written in configuration, in US dollars per million tokens. Bind a section of these
/// (model id → setting) and pass it to <see cref="ModelPriceTable.WithOverrides"/>:
/// <code>
/// "Honk": { "Prices": { "gpt-5": { "Input": 1.25, "Output": 10, "CachedInput": 0.125 } } }
/// </code>
/// </summary>
public sealed class ModelPriceSetting
{
    /// <summary>Price of one million input tokens. Required.</summary>
    public decimal? Input { get; set; }

    /// <summary>Price of one million output tokens. Required.</summary>
    public decimal? Output { get; set; }

    /// <summary>Price of one million cached input tokens; the input price when not set.</summary>
    public decimal? CachedInput { get; set; }

    /// <summary>Price of one million input tokens written to the prompt cache; the input price when not set.</summary>
    public decimal? CacheWriteInput { get; set; }

    /// <summary>Converts the setting to a price.</summary>
    /// <param name="model">The model id, for the error message.</param>
    /// <returns>The price.</returns>
    /// <exception cref="FormatException">Input or output is missing or negative.</exception>
    public ModelPrice ToPrice(string model)
    {
        if (Input is not { } input || Output is not { } output)
        {
            throw new FormatException($"The price of '{model}' needs both Input and Output (US dollars per million tokens).");
        }

        if (input < 0 || output < 0 || CachedInput < 0 || CacheWriteInput < 0)
        {
            throw new FormatException($"The price of '{model}' must not be negative.");
        }

        return new ModelPrice(input, output) { CachedInputPerMillion = CachedInput, CacheWriteInputPerMillion = CacheWriteInput };
    }
}
