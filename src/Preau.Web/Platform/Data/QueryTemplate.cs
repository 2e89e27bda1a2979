using System.Linq.Expressions;

namespace Preau.Web.Platform.Data;

/// <summary>
/// A piece of query written once (a rule several queries share) used inside compiled queries, which must each be a
/// single lambda: inside the lambda, <c>template.Inline(args)</c> stands for the template's body with its parameters
/// bound to the arguments, and <see cref="Expand{T}"/> replaces it before <c>EF.CompileAsyncQuery</c> sees the query.
/// Compiled queries matter on the pages every family opens each evening: building a LINQ query's expression tree and
/// looking it up in EF's cache cost more processor than the database spent on the query.
/// </summary>
public static class QueryTemplate
{
    public static TResult Inline<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> template, T1 arg1, T2 arg2) =>
        throw new InvalidOperationException("Inline only stands in a query given to QueryTemplate.Expand.");

    public static TResult Inline<T1, T2, T3, TResult>(this Expression<Func<T1, T2, T3, TResult>> template, T1 arg1, T2 arg2, T3 arg3) =>
        throw new InvalidOperationException("Inline only stands in a query given to QueryTemplate.Expand.");

    public static TResult Inline<T1, T2, T3, T4, TResult>(this Expression<Func<T1, T2, T3, T4, TResult>> template, T1 arg1, T2 arg2, T3 arg3, T4 arg4) =>
        throw new InvalidOperationException("Inline only stands in a query given to QueryTemplate.Expand.");

    public static TResult Inline<T1, T2, T3, T4, T5, T6, T7, TResult>(this Expression<Func<T1, T2, T3, T4, T5, T6, T7, TResult>> template,
        T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) =>
        throw new InvalidOperationException("Inline only stands in a query given to QueryTemplate.Expand.");

    /// <summary>The query with every <c>Inline</c> replaced by its template's body (templates may inline others).</summary>
    public static Expression<T> Expand<T>(Expression<T> query) => (Expression<T>)new Expander().Visit(query);

    /// <summary>
    /// A template's body with its parameters bound to these expressions, for composing it with a query built at run time
    /// (<c>q.Provider.CreateQuery</c>), where a compiled query cannot be used.
    /// </summary>
    public static Expression Bind(LambdaExpression template, params Expression[] arguments) =>
        new Binder(template.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(template.Body);

    private sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(QueryTemplate) || node.Method.Name != nameof(Inline))
            {
                return base.VisitMethodCall(node);
            }
            // The template is a static field or a local of the caller: evaluated once, when the query is compiled.
            var template = (LambdaExpression)Expression.Lambda<Func<object>>(node.Arguments[0]).Compile()();
            var arguments = new Dictionary<ParameterExpression, Expression>();
            for (var i = 0; i < template.Parameters.Count; i++)
            {
                arguments[template.Parameters[i]] = Visit(node.Arguments[i + 1]);
            }
            return Visit(new Binder(arguments).Visit(template.Body));
        }
    }

    private sealed class Binder(Dictionary<ParameterExpression, Expression> arguments) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            arguments.TryGetValue(node, out var argument) ? argument : node;
    }
}
