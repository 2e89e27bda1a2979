using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Security;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(UserManager<PreauUser> users, SignInManager<PreauUser> signIn, PreauDbContext db) : PageModel
{
    public string Login { get; private set; } = "";
    public bool IsPupil { get; private set; }
    public bool TwoFactor { get; private set; }
    public IReadOnlyList<LoginEvent> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Login = user.UserName ?? "";
        IsPupil = user.IsPupil;
        TwoFactor = user.TwoFactorEnabled;
        Recent = await db.LoginEvents.AsNoTracking().Where(e => e.UserId == user.Id).OrderByDescending(e => e.At).Take(10).ToListAsync();
        return Page();
    }

    /// <summary>A new security stamp invalidates every session cookie, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Redirect("/connexion");
    }
}
