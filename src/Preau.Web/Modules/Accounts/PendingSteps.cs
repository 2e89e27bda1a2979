using Microsoft.AspNetCore.Mvc.Filters;
using Preau.Web.Modules.Accounts.Charters;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Accounts;

/// <summary>Marks the pages a person can reach before finishing the first-login steps (charter, password, 2FA).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowPendingStepsAttribute : Attribute;

/// <summary>Marks the pages a person who left can still reach (their data, logout); public pages stay reachable too.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWhenLeftAttribute : Attribute;

/// <summary>
/// First login, in order: accept the charter (again after a new version), replace the initial password
/// (adults), set up two-factor authentication (administrators and level-2 staff). Until then every page
/// leads back to the step to do.
/// </summary>
public sealed class PendingStepsFilter(CharterService charters, AccessContext access, Lifecycle.AccountLifecycle lifecycle) : IAsyncPageFilter
{
    public const string CharterPath = "/compte/charte";
    public const string PasswordPath = "/compte/mot-de-passe";
    public const string TwoFactorPath = "/compte/double-authentification";
    public const string MyDataPath = "/compte/mes-donnees";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var page = context.ActionDescriptor.HandlerTypeInfo;
        // A person who left keeps, until deletion, only their data and logout (public pages stay public).
        if (http.User.Identity?.IsAuthenticated == true
            && http.Items[AccountsModule.CurrentUserItem] is PreauUser leaving
            && !Marked(page, typeof(AllowWhenLeftAttribute))
            && !Marked(page, typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute))
            && AccountsModule.HasLeft(http, lifecycle.Today))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(MyDataPath);
            return;
        }
        if (http.User.Identity?.IsAuthenticated == true
            && http.Items[AccountsModule.CurrentUserItem] is PreauUser user
            && !Marked(page, typeof(AllowPendingStepsAttribute)))
        {
            var step = await NextStepAsync(user, http.RequestAborted);
            if (step is not null)
            {
                context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(step);
                return;
            }
        }
        await next();
    }

    // A page's attributes never change: read once per page type (reading them on every request showed in the profiles).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Page, Type Attribute), bool> MarkedPages = new();

    private static bool Marked(Type page, Type attribute) =>
        MarkedPages.GetOrAdd((page, attribute), key => key.Page.IsDefined(key.Attribute, true));

    public async Task<string?> NextStepAsync(PreauUser user, CancellationToken ct)
    {
        if (await charters.MustAcceptAsync(user, ct))
        {
            return CharterPath;
        }
        if (user.MustChangePassword && !user.IsPupil)
        {
            return PasswordPath;
        }
        if (!user.TwoFactorEnabled && await RequiresTwoFactorAsync(ct))
        {
            return TwoFactorPath;
        }
        return null;
    }

    public async Task<bool> RequiresTwoFactorAsync(CancellationToken ct)
    {
        var a = await access.GetAsync(ct);
        return a.IsOperator;
    }
}

/// <summary>
/// The machine side of <see cref="PendingStepsFilter"/>: the API answers 403 with the step to do instead of
/// redirecting, so a person cannot skip the charter, the password change or the 2FA set-up through /api/v1, and a
/// person who left reaches no API at all.
/// </summary>
public sealed class PendingStepsEndpointFilter(PendingStepsFilter steps, Lifecycle.AccountLifecycle lifecycle) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && http.Items[AccountsModule.CurrentUserItem] is PreauUser user)
        {
            if (AccountsModule.HasLeft(http, lifecycle.Today))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Ce compte est clos.",
                    detail: "Seules vos données restent consultables, depuis la page « Mes données ».",
                    extensions: new Dictionary<string, object?> { ["step"] = PendingStepsFilter.MyDataPath });
            }
            var step = await steps.NextStepAsync(user, http.RequestAborted);
            if (step is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Première connexion à terminer.",
                    detail: "Terminez d'abord les étapes de la première connexion sur le site.",
                    extensions: new Dictionary<string, object?> { ["step"] = step });
            }
        }
        return await next(context);
    }
}
