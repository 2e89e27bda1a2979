using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.Web.Modules.Accounts.Passwords;

[AllowAnonymous]
[EnableRateLimiting(AccountsModule.LoginRateLimit)]
public sealed class ResetModel(UserManager<PreauUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid U { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Saisissez un nouveau mot de passe.")]
    [Display(Name = "Nouveau mot de passe")]
    [StringLength(200)]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
    [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    [Display(Name = "Confirmation")]
    public string Confirm { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(U.ToString());
        if (user is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, "Ce lien n'est plus valable. Demandez un nouveau lien.");
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "InvalidToken" ? string.Empty : nameof(Password), e.Description);
            }
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        TempData["Notice"] = "Votre mot de passe a été changé. Vous pouvez vous connecter.";
        return Redirect("/connexion");
    }
}
