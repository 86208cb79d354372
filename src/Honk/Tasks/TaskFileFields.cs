using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Honk.Tasks;

/// <summary>
/// The front-matter keys of a <see cref="TaskFileExtension"/>, read with the task file's own rules and messages.
/// Every reader returns <see langword="null"/> (or an empty list) for an absent key and records an error, at the value's
/// line, for a value of the wrong kind.
/// </summary>
public sealed class TaskFileFields
{
    private readonly TaskFileParser _parser;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields;

    internal TaskFileFields(TaskFileParser parser, Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        _parser = parser;
        _fields = fields;
    }

    /// <summary>Whether the file gives <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(string key) => _fields.ContainsKey(key);

    /// <summary>The line (of the whole file) of a key's value, or 0 when absent.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The line.</returns>
    public int Line(string key) => _fields.TryGetValue(key, out var f) ? _parser.ExtensionLine(f.Value) : 0;

    /// <summary>A key whose value is one line of text.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The trimmed text, or <see langword="null"/> when absent, empty or not text.</returns>
    public string? Text(string key) => _fields.TryGetValue(key, out var f) ? _parser.ExtensionText(f.Value, key) : null;

    /// <summary>A key whose value is a list of text (<c>- item</c> lines or <c>[a, b]</c>) or one line of text.</summary>
    /// <param name="key">The key.</param>
    /// <param name="itemName">What one item is called in messages ("target", "wave").</param>
    /// <returns>The items, trimmed.</returns>
    public IReadOnlyList<string> List(string key, string itemName)
        => _fields.TryGetValue(key, out var f) ? _parser.ExtensionItems(f.Value, key, itemName) : [];

    /// <summary>A key whose value is a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    /// <param name="example">An example shown in the error message.</param>
    /// <returns>The number, or <see langword="null"/> when absent or invalid.</returns>
    public decimal? Number(string key, decimal min, decimal max, string example)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(key, $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} such as {example}, not '{text}'.");
        return null;
    }

    /// <summary>A key whose value is a whole number of at least <paramref name="min"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <returns>The number, or <see langword="null"/> when absent or invalid.</returns>
    public int? WholeNumber(string key, int min)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        Error(key, $"'{key}' must be a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        return null;
    }

    /// <summary>A key whose value is <c>true</c> or <c>false</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see langword="null"/> when absent or invalid.</returns>
    public bool? Boolean(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(key, $"'{key}' must be true or false, not '{text}'.");
        return null;
    }

    /// <summary>Records a problem with a key's value, at its line (line 1 when the key is absent); the parse then fails with every problem listed.</summary>
    /// <param name="key">The key.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public void Error(string key, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (_fields.TryGetValue(key, out var f))
        {
            _parser.ExtensionError(f.Value, message);
        }
        else
        {
            _parser.ExtensionErrorAt(1, message);
        }
    }
}
