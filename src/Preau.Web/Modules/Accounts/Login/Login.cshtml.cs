using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Login;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<PreauUser> signIn, PreauDbContext db, TimeProvider time) : PageModel
{
    internal const string GenericError = "Identifiant ou mot de passe incorrect. Après plusieurs essais, le compte est bloqué quelques minutes.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Saisissez votre identifiant.")]
        [Display(Name = "Identifiant")]
        [StringLength(200)]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        [Display(Name = "Mot de passe")]
        [StringLength(200)]
        public string Password { get; set; } = "";

        /// <summary>
        /// Signing in on one's own phone every evening is the commonest sign-in, and the dearest request of all (a password
        /// check is 60 ms of a core, a page 2 ms): adults may stay signed in for a month. Never pupils, who share the
        /// school's computers.
        /// </summary>
        [Display(Name = "Rester connecté sur cet appareil")]
        public bool Remember { get; set; }
    }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    /// <summary>A hash of a random password, checked when no usable account matches (<see cref="SpendAsLongAsAPassword"/>).</summary>
    private static string? _absentHash;

    public async Task<IActionResult> OnPostAsync([FromServices] LoginAudit audit, [FromServices] DeviceAlerts devices, [FromServices] FailedSignIns failures,
        [FromServices] IPasswordHasher<PreauUser> hasher, [FromServices] SignInSlots slots)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The turn is taken before the failures are counted, so that a burst from one address sees the failures of those
        // checked before it instead of all being hashed on a count of zero.
        System.Threading.RateLimiting.RateLimitLease lease;
        try
        {
            lease = await slots.AcquireAsync(HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The person left while waiting: nothing to answer.
            return new EmptyResult();
        }
        using var turn = lease;
        if (!turn.IsAcquired)
        {
            await audit.RecordRefusalAsync();
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = SignInSlots.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, SignInSlots.Busy);
            return Page();
        }
        if (await failures.AreTooManyAsync(HttpContext.Connection.RemoteIpAddress))
        {
            // Checked before the account is looked at, so the answer says nothing about it and costs no hashing;
            // the form comes back with the identifier typed, to try again in a minute.
            await audit.RecordRefusalAsync();
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)FailedSignIns.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, FailedSignIns.TooMany);
            return Page();
        }
        var normalized = Input.Login.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized);
        if (user is null)
        {
            SpendAsLongAsAPassword(hasher, Input.Password);
            await audit.RecordAsync(null, LoginOutcome.BadCredentials);
            ModelState.AddModelError(string.Empty, GenericError);
            return Page();
        }
        if (user.IsDisabled)
        {
            SpendAsLongAsAPassword(hasher, Input.Password);
            await audit.RecordAsync(user.Id, LoginOutcome.Disabled);
            ModelState.AddModelError(string.Empty, GenericError);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: Input.Remember && !user.IsPupil, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync(user.Id, LoginOutcome.TwoFactorRequired);
            return RedirectToPage("/Accounts/Login/LoginWith2fa", new { returnUrl = SafeReturnUrl() });
        }
        if (!result.Succeeded)
        {
            await audit.RecordAsync(user.Id, result.IsLockedOut ? LoginOutcome.LockedOut : LoginOutcome.BadCredentials);
            ModelState.AddModelError(string.Empty, GenericError);
            return Page();
        }
        await OnSignedInAsync(user, audit, devices, db, time, HttpContext);
        return LocalRedirect(SafeReturnUrl());
    }

    internal static async Task OnSignedInAsync(PreauUser user, LoginAudit audit, DeviceAlerts devices, PreauDbContext db, TimeProvider time, HttpContext http)
    {
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastLoginAt, time.GetUtcNow().UtcDateTime));
        await audit.RecordAsync(user.Id, LoginOutcome.Success);
        await devices.OnSignedInAsync(http, user);
    }

    /// <summary>
    /// Checks the password typed against a hash of nothing, so that an identifier matching no usable account is answered
    /// as slowly as a wrong password: the message is the same for both, and the time must not tell them apart either
    /// (logins are guessable, « prenom.nom »).
    /// </summary>
    private static void SpendAsLongAsAPassword(IPasswordHasher<PreauUser> hasher, string password)
    {
        var hash = _absentHash ??= hasher.HashPassword(new PreauUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        _ = hasher.VerifyHashedPassword(new PreauUser(), hash, password);
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
