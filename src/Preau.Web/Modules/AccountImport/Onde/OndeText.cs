using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>Value normalisation shared by the two extractions.</summary>
internal static partial class OndeText
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy", "yyyy/MM/dd"];

    /// <summary>Header key: trimmed, lower case, no accents, no spaces, apostrophes, stars, dashes, dots or brackets.</summary>
    public static string HeaderKey(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in RemoveAccents(header.Trim().Trim('\uFEFF')).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Matching key for names and class labels: upper case, no accents, single spaces, no punctuation.</summary>
    public static string MatchKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in RemoveAccents(value.Trim()).ToUpperInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return sb.ToString();
    }

    public static string RemoveAccents(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    public static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Oui/Non (and O/N, 1/0, Yes/No); null when empty; <paramref name="readable"/> false for anything else.</summary>
    public static bool? ParseYesNo(string? value, out bool readable)
    {
        readable = true;
        switch (MatchKey(value))
        {
            case "":
                return null;
            case "OUI" or "O" or "1" or "YES" or "Y" or "VRAI" or "TRUE" or "X":
                return true;
            case "NON" or "N" or "0" or "NO" or "FAUX" or "FALSE":
                return false;
            default:
                readable = false;
                return null;
        }
    }

    /// <summary>ONDE level ("CE1", "Cours élémentaire 1", …); "CLIS"/"ULIS" give no level but the ULIS scheme.</summary>
    public static bool TryParseLevel(string? value, out Levels level, out Scheme scheme)
    {
        level = Levels.None;
        scheme = Scheme.None;
        var key = MatchKey(value).Replace(" ", "", StringComparison.Ordinal);
        switch (key)
        {
            case "":
                return true;
            case "TPS" or "TOUTEPETITESECTION":
                level = Levels.Tps; return true;
            case "PS" or "PETITESECTION":
                level = Levels.Ps; return true;
            case "MS" or "MOYENNESECTION":
                level = Levels.Ms; return true;
            case "GS" or "GRANDESECTION":
                level = Levels.Gs; return true;
            case "CP" or "COURSPREPARATOIRE":
                level = Levels.Cp; return true;
            case "CE1" or "COURSELEMENTAIRE1" or "COURSELEMENTAIREPREMIEREANNEE":
                level = Levels.Ce1; return true;
            case "CE2" or "COURSELEMENTAIRE2" or "COURSELEMENTAIREDEUXIEMEANNEE":
                level = Levels.Ce2; return true;
            case "CM1" or "COURSMOYEN1" or "COURSMOYENPREMIEREANNEE":
                level = Levels.Cm1; return true;
            case "CM2" or "COURSMOYEN2" or "COURSMOYENDEUXIEMEANNEE":
                level = Levels.Cm2; return true;
            case "CLIS" or "ULIS" or "ULISECOLE":
                scheme = Scheme.Ulis; return true;
            case "UPE2A" or "CLIN":
                scheme = Scheme.Upe2a; return true;
            default:
                return false;
        }
    }

    /// <summary>Scheme named in a "Dispositif(s)" value or a class label (ULIS/CLIS, UPE2A/CLIN).</summary>
    public static Scheme SchemeIn(string? value)
    {
        var words = MatchKey(value).Split(' ');
        if (words.Any(w => w is "ULIS" or "CLIS"))
        {
            return Scheme.Ulis;
        }
        return words.Any(w => w is "UPE2A" or "CLIN") ? Scheme.Upe2a : Scheme.None;
    }

    /// <summary>Text that shows a wrong encoding: UTF-8 read as Windows-1252 ("Ã©"), a replacement character, or C1 controls.</summary>
    public static string? GarbledSample(string line)
    {
        var m = GarbledRegex().Match(line);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex("[ÃÂ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]|\uFFFD|[\u0080-\u009F]")]
    private static partial Regex GarbledRegex();
}
