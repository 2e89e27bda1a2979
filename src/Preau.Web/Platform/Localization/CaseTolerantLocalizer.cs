using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Preau.Web.Platform.Localization;

/// <summary>
/// French text is the key of every translation, and pages say both « année » and « Année ». A .resx cannot hold keys
/// that differ only by case (the build keeps the first and drops the other with a warning), so the second one showed
/// in French on English pages. Only one of the two is kept in the file; when a key is not found, the same key with
/// its first letter's case changed is looked up and the translation takes the key's case.
/// French pages (no translation file) are looked up once, as before.
/// </summary>
internal sealed class CaseTolerantLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);

    public IStringLocalizer Create(Type resourceSource) => new CaseTolerantLocalizer(_inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new CaseTolerantLocalizer(_inner.Create(baseName, location));
}

internal sealed class CaseTolerantLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    // French is the key itself and has no translation file: answered without asking the resource manager, whose
    // search through the culture's fallbacks for a file that does not exist showed in the profiles of every page.
    public LocalizedString this[string name] => IsFrench ? French(name) : Find(name, inner[name], other => inner[other]);

    public LocalizedString this[string name, params object[] arguments] => IsFrench
        ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, name, arguments), true)
        : Find(name, inner[name, arguments], other => inner[other, arguments]);

    // A page asks for a few dozen texts, the same on every request: each French one is made once. The keys are the
    // texts written in the pages, a bounded set; past the bound (a key built from data) they are made at each call.
    private static readonly ConcurrentDictionary<string, LocalizedString> FrenchTexts = new(StringComparer.Ordinal);
    private const int MaxFrenchTexts = 20_000;
    // Counted apart: the dictionary's own Count takes all its locks.
    private static int _frenchCount;

    private static LocalizedString French(string name)
    {
        if (FrenchTexts.TryGetValue(name, out var text))
        {
            return text;
        }
        text = new LocalizedString(name, name, true);
        if (Volatile.Read(ref _frenchCount) < MaxFrenchTexts && FrenchTexts.TryAdd(name, text))
        {
            Interlocked.Increment(ref _frenchCount);
        }
        return text;
    }

    private static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    private static LocalizedString Find(string name, LocalizedString found, Func<string, LocalizedString> lookup)
    {
        if (!found.ResourceNotFound || name.Length == 0 || !char.IsLetter(name[0]))
        {
            return found;
        }
        var upper = char.IsUpper(name[0]);
        var other = lookup(Recase(name, !upper));
        return other.ResourceNotFound ? found : new LocalizedString(name, Recase(other.Value, upper), false, other.SearchedLocation);
    }

    private static string Recase(string text, bool upper) =>
        text.Length == 0 ? text : (upper ? char.ToUpperInvariant(text[0]) : char.ToLowerInvariant(text[0])) + text[1..];
}
