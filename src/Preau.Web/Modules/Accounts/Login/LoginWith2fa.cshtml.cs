using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Login;

[AllowAnonymous]
[EnableRateLimiting(AccountsModule.LoginRateLimit)]
public sealed class LoginWith2faModel(SignInManager<PreauUser> signIn, PreauDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Saisissez le code.")]
    [Display(Name = "Code")]
    [StringLength(7)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Login/Login") : Page();

    public async Task<IActionResult> OnPostAsync([FromServices] LoginAudit audit, [FromServices] DeviceAlerts devices)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Accounts/Login/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(user.Id, result.IsLockedOut ? LoginOutcome.LockedOut : LoginOutcome.TwoFactorFailed);
            ModelState.AddModelError(nameof(Code), "Ce code n'est pas valable. Vérifiez l'heure de votre téléphone et réessayez.");
            return Page();
        }
        await LoginModel.OnSignedInAsync(user, audit, devices, db, time, HttpContext);
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
