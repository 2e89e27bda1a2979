using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Preau.Tests.Architecture;

public sealed partial class TranslationTests
{
    // L["Texte"] and L["Texte {0}", …]: the literal key only; interpolated keys cannot be checked statically.
    [GeneratedRegex(@"(?<![\w$])L\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LiteralKey();

    /// <summary>
    /// Every literal French key used by a view has an English entry, so switching language never shows half a page in
    /// French. A new page fails here until its texts are in SharedResource.en.resx.
    /// </summary>
    [Fact]
    public void EveryLiteralKeyOfTheViews_HasAnEnglishTranslation()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Preau.Web");
        var translated = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(Path.Combine(web, "Modules"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file))
                .Select(m => (Key: m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal), File: Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file))))
            // « année » is translated by the entry « Année » (CaseTolerantLocalizer): a .resx cannot hold both.
            .Where(k => !translated.Contains(k.Key) && !translated.Contains(FirstLetterRecased(k.Key)))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, "Missing English entries in SharedResource.en.resx:\n" + string.Join('\n', missing));
    }

    /// <summary>The build keeps one of two keys differing only by case and drops the other with a mere warning.</summary>
    [Fact]
    public void TheEnglishFile_HasNoTwoKeysDifferingOnlyByCase()
    {
        var keys = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Preau.Web", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!);
        var clashes = keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys differing only by case: keep one (CaseTolerantLocalizer serves both): " + string.Join(", ", clashes));
    }

    private static string FirstLetterRecased(string key) =>
        key.Length == 0 ? key : (char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) : char.ToUpperInvariant(key[0])) + key[1..];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Preau.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Preau.slnx not found above the test binaries.");
    }
}
