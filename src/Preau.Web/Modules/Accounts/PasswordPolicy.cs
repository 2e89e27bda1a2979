using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>
/// CNIL 2022-100: with lockout after repeated failures, at least about 50 bits of entropy. For adults we
/// ask 12 characters mixing three kinds (or a 16-character passphrase). Young pupils keep the simple
/// passwords their teacher sets: the lockout and the teacher's reset protect them.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<PreauUser>
{
    public const int AdultMinLength = 12;
    public const int PassphraseLength = 16;
    public const int PupilMinLength = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<PreauUser> manager, PreauUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (user.IsPupil)
        {
            if (password.Length < PupilMinLength)
            {
                errors.Add(new IdentityError { Code = "PupilTooShort", Description = $"Le mot de passe doit compter au moins {PupilMinLength} caractères." });
            }
        }
        else
        {
            var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
                + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
            if (password.Length < PassphraseLength && (password.Length < AdultMinLength || kinds < 3))
            {
                errors.Add(new IdentityError
                {
                    Code = "AdultWeak",
                    Description = $"Choisissez au moins {AdultMinLength} caractères mêlant trois sortes parmi minuscules, majuscules, chiffres et symboles, ou une phrase d'au moins {PassphraseLength} caractères.",
                });
            }
            if (!string.IsNullOrEmpty(user.UserName) && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new IdentityError { Code = "ContainsLogin", Description = "Le mot de passe ne doit pas contenir votre identifiant." });
            }
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private const string PupilWords = "lune,soleil,pomme,chat,lapin,velo,etoile,nuage,fleur,tigre,sapin,cerise,poire,loup,ours,koala,ballon,bateau,train,zebre";

    /// <summary>A word and two digits: easy to type for a six-year-old, set and shown by the teacher.</summary>
    public static string GeneratePupilPassword()
    {
        var words = PupilWords.Split(',');
        return words[RandomNumberGenerator.GetInt32(words.Length)] + RandomNumberGenerator.GetInt32(10, 100);
    }

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghjkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>An initial adult password (replaced at first login): 14 characters, no look-alike letters, three kinds.</summary>
    public static string GenerateAdultPassword()
    {
        const string all = Upper + Lower + Digits;
        Span<char> chars = stackalloc char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            var set = i switch { 0 => Upper, 1 => Lower, 2 => Digits, _ => all };
            chars[i] = set[RandomNumberGenerator.GetInt32(set.Length)];
        }
        return new string(chars);
    }
}

/// <summary>Identity's messages in French, for the few that reach users.</summary>
internal sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Le mot de passe actuel est incorrect." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Ce lien n'est plus valable. Demandez un nouveau lien." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"L'identifiant « {userName} » est déjà utilisé." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = "Cette adresse électronique est déjà utilisée." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "Cette adresse électronique n'est pas valide." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit compter au moins {length} caractères." };
}
