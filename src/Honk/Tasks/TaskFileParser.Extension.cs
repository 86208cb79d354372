using YamlDotNet.RepresentationModel;

namespace Honk.Tasks;

/// <summary>The parser's side of <see cref="TaskFileExtension"/>: extra keys, their errors and their suggestions.</summary>
internal sealed partial class TaskFileParser
{
    private bool IsExtensionKey(string key) => _extension?.Keys.Contains(key) == true;

    private IReadOnlyCollection<string> KnownKeys()
        => _extension is null ? TaskFileKeys.TopLevel : [.. TaskFileKeys.TopLevel, .. _extension.Keys];

    private IReadOnlyDictionary<string, string> KnownSynonyms()
    {
        if (_extension is null)
        {
            return TaskFileKeys.TopLevelSynonyms;
        }

        var merged = new Dictionary<string, string>(TaskFileKeys.TopLevelSynonyms, StringComparer.Ordinal);
        foreach (var (wrong, right) in _extension.Synonyms)
        {
            merged[wrong] = right;
        }

        return merged;
    }

    private void ReadExtension(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (_extension is null)
        {
            return;
        }

        var own = fields.Where(f => _extension.Keys.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        _extension.Read(new TaskFileFields(this, own));
    }

    /// <summary>The text of a key that must be one line of text, or <see langword="null"/> (with an error when it is not text).</summary>
    internal string? ExtensionText(YamlNode node, string key) => Scalar(node, key);

    /// <summary>The items of a key that is a list of text or one line of text.</summary>
    internal IReadOnlyList<string> ExtensionItems(YamlNode node, string key, string itemName) => [.. Items(node, key, itemName).Select(i => i.Text)];

    /// <summary>The line of a node in the whole file.</summary>
    internal int ExtensionLine(YamlNode node) => Line(node);

    /// <summary>Records a problem at a node.</summary>
    internal void ExtensionError(YamlNode node, string message) => Error(node, message);

    /// <summary>Records a problem about the whole file (a required key that is missing).</summary>
    internal void ExtensionErrorAt(int line, string message) => _errors.Add(new TaskFileError(line, 0, message));
}
