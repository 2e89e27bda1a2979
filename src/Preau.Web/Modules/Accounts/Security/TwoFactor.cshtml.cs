using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Accounts.Security;

[Authorize(Policy = Policies.SignedIn)]
[AllowPendingSteps]
public sealed class TwoFactorModel(UserManager<PreauUser> users, SignInManager<PreauUser> signIn, PendingStepsFilter steps) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Saisissez le code affiché par l'application.")]
    [Display(Name = "Code à 6 chiffres")]
    [StringLength(7)]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        if (Enabled)
        {
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Ce code n'est pas valable. Vérifiez l'heure de votre téléphone et réessayez.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        return Redirect("/");
    }

    private async Task LoadAsync(PreauUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = await steps.RequiresTwoFactorAsync(HttpContext.RequestAborted);
        if (Enabled)
        {
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // A new key changes the security stamp; keep this session valid.
            await signIn.RefreshSignInAsync(user);
        }
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLower(CultureInfo.InvariantCulture);
        var uri = $"otpauth://totp/Pr%C3%A9au:{Uri.EscapeDataString(user.UserName ?? "")}?secret={key}&issuer=Pr%C3%A9au&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
