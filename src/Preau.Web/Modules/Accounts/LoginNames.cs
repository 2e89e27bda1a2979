using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>Login identifiers: "prenom.nom", accents folded, unique across the territory with a numeric suffix.</summary>
internal static class LoginNames
{
    public static string Base(string firstName, string lastName)
    {
        var first = Fold(firstName);
        var last = Fold(lastName);
        var name = string.IsNullOrEmpty(first) ? last : string.IsNullOrEmpty(last) ? first : $"{first}.{last}";
        return string.IsNullOrEmpty(name) ? "utilisateur" : name;
    }

    /// <summary>Lower case, accents removed, anything but letters and digits turned into single hyphens.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : null,
            };
            if (lower is null)
            {
                pendingHyphen = sb.Length > 0;
                continue;
            }
            if (pendingHyphen)
            {
                sb.Append('-');
                pendingHyphen = false;
            }
            sb.Append(lower);
        }
        return sb.ToString();
    }

    /// <summary>Loads, in one query, every login already taken for these people's base names into <paramref name="taken"/>.</summary>
    public static async Task LoadTakenAsync(PreauDbContext db, IEnumerable<(string First, string Last)> names, ISet<string> taken, CancellationToken ct = default)
    {
        var bases = names.Select(n => Base(n.First, n.Last).TrimEnd("0123456789".ToCharArray()).ToUpperInvariant()).Distinct().ToList();
        foreach (var chunk in bases.Chunk(500))
        {
            var found = await db.Users.Where(u => chunk.Contains(u.LoginBase!)).Select(u => u.NormalizedUserName!).ToListAsync(ct);
            foreach (var login in found)
            {
                taken.Add(login.ToLowerInvariant());
            }
        }
    }

    /// <summary>The first free identifier given the logins known to be taken (see <see cref="LoadTakenAsync"/>); reserves it.</summary>
    public static string Allocate(string firstName, string lastName, ISet<string> taken)
    {
        var baseName = Base(firstName, lastName);
        var candidate = baseName;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = baseName + i.ToString(CultureInfo.InvariantCulture);
        }
        taken.Add(candidate);
        return candidate;
    }

    /// <summary>
    /// The first free identifier: "prenom.nom", then "prenom.nom2", "prenom.nom3"… <paramref name="reserved"/>
    /// holds names taken earlier in the same batch.
    /// </summary>
    public static async Task<string> NextFreeAsync(PreauDbContext db, string firstName, string lastName,
        ISet<string>? reserved = null, CancellationToken ct = default)
    {
        var baseName = Base(firstName, lastName);
        // Logins are the base plus digits: the database keeps each login's base, indexed.
        var upper = baseName.TrimEnd("0123456789".ToCharArray()).ToUpperInvariant();
        var taken = await db.Users.Where(u => u.LoginBase == upper).Select(u => u.NormalizedUserName!).ToListAsync(ct);
        var set = new HashSet<string>(taken.Select(t => t.ToLowerInvariant()));
        if (reserved is not null)
        {
            set.UnionWith(reserved);
        }
        var candidate = baseName;
        for (var i = 2; set.Contains(candidate); i++)
        {
            candidate = baseName + i.ToString(CultureInfo.InvariantCulture);
        }
        reserved?.Add(candidate);
        return candidate;
    }
}
