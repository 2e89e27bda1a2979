using System.Globalization;
using System.Text.RegularExpressions;

namespace Preau.Web.Modules.Territory;

/// <summary>
/// UAI (ex-RNE): 7 digits and a check letter, the 7-digit number modulo 23 read in an alphabet of 23
/// letters without I, O and Q.
/// </summary>
public static partial class Uai
{
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        var uai = Normalize(value);
        return Shape().IsMatch(uai) && CheckLetter(uai[..7]) == uai[7];
    }

    public static char CheckLetter(string sevenDigits) =>
        Letters[(int)(long.Parse(sevenDigits, CultureInfo.InvariantCulture) % 23)];

    public static string Complete(string sevenDigits) => sevenDigits + CheckLetter(sevenDigits);

    [GeneratedRegex("^[0-9]{7}[A-Z]$")]
    private static partial Regex Shape();
}
