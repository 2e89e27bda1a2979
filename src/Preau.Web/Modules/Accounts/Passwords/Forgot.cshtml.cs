using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Mail;

namespace Preau.Web.Modules.Accounts.Passwords;

[AllowAnonymous]
[EnableRateLimiting(AccountsModule.LoginRateLimit)]
public sealed class ForgotModel(UserManager<PreauUser> users, IMailQueue mail, IConfiguration configuration) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Saisissez votre identifiant ou votre adresse électronique.")]
    [Display(Name = "Identifiant ou adresse électronique")]
    [StringLength(200)]
    public string LoginOrEmail { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The answer is the same whether or not an account matches, so nobody can probe for accounts.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var key = LoginOrEmail.Trim().ToUpperInvariant();
        var candidates = await users.Users
            .Where(u => !u.IsPupil && !u.IsDisabled && u.Email != null && (u.NormalizedUserName == key || u.NormalizedEmail == key))
            .Take(5).ToListAsync();
        foreach (var user in candidates)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{Platform.Web.PublicAddress.Root(configuration, Request)}/compte/reinitialiser?u={user.Id}&token={Uri.EscapeDataString(token)}";
            // Sent after the answer (IMailQueue): the page neither waits for the relay nor takes longer when an account matches.
            mail.TryEnqueue(user.Email!, "Préau : choisir un nouveau mot de passe",
                $"""
                Bonjour,

                Vous avez demandé à choisir un nouveau mot de passe pour votre compte Préau ({user.UserName}).
                Ouvrez ce lien pour le faire (il n'est valable qu'une fois, pendant quelques heures) :
                {link}

                Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
                """, "password-reset");
        }
        Sent = true;
        return Page();
    }
}
