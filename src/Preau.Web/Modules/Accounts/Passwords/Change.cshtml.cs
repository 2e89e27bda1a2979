using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Accounts.Passwords;

[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
public sealed class ChangeModel(UserManager<PreauUser> users, SignInManager<PreauUser> signIn) : PageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public bool IsFirst { get; private set; }
    public bool Done { get; private set; }
    public string Rule { get; private set; } = "";

    public sealed class ChangeInput
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
        [Display(Name = "Mot de passe actuel")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Saisissez un nouveau mot de passe.")]
        [Display(Name = "Nouveau mot de passe")]
        [StringLength(200)]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(New), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        [Display(Name = "Confirmation")]
        public string Confirm { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Describe(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Describe(user);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Input.New == Input.Current)
        {
            ModelState.AddModelError("Input.New", "Le nouveau mot de passe doit être différent de l'actuel.");
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.Current" : "Input.New", e.Description);
            }
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // The password change gave a new security stamp: keep this session, end the others.
        await signIn.RefreshSignInAsync(user);
        if (IsFirst)
        {
            return Redirect("/");
        }
        Done = true;
        IsFirst = false;
        return Page();
    }

    private void Describe(PreauUser user)
    {
        IsFirst = user.MustChangePassword;
        Rule = user.IsPupil
            ? $"Au moins {PasswordPolicy.PupilMinLength} caractères."
            : $"Au moins {PasswordPolicy.AdultMinLength} caractères mêlant trois sortes parmi minuscules, majuscules, chiffres et symboles, ou une phrase d'au moins {PasswordPolicy.PassphraseLength} caractères.";
    }
}
