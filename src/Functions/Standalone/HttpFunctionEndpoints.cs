using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using AgentFunctions.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AgentFunctions.Functions.Standalone;

/// <summary>
/// Serves the app's HTTP functions on ASP.NET Core without the Functions host, binding parameters as the isolated worker
/// does: <see cref="HttpRequest"/>, <c>[DurableClient]</c> <see cref="DurableTaskClient"/>, <see cref="CancellationToken"/>, and
/// other parameters by name from the route values, then the query string (case-insensitive). Until the host is ready
/// (storage answering, the Durable Task worker started) every function but the anonymous ones (<c>/api/health</c>, <c>/api/ready</c>) answers 503;
/// after that each of them needs an API key (<see cref="Auth.RequestAuthentication"/>).
/// </summary>
internal static class HttpFunctionEndpoints
{
    /// <summary>Maps every HTTP function of the assembly.</summary>
    /// <param name="app">The app.</param>
    /// <param name="assembly">The assembly with the function classes.</param>
    /// <returns>The functions mapped.</returns>
    public static IReadOnlyList<HttpFunction> MapHttpFunctions(this IEndpointRouteBuilder app, Assembly assembly)
    {
        var functions = FunctionCatalog.HttpFunctions(assembly);
        foreach (var function in functions)
        {
            Check(function);
            app.MapMethods("/" + function.Route, function.Methods, context => InvokeAsync(function, context)).WithName(function.Name);
        }

        return functions;
    }

    private static async Task InvokeAsync(HttpFunction function, HttpContext context)
    {
        var services = context.RequestServices;
        var readiness = services.GetRequiredService<HostReadiness>();
        if (readiness.Waiting is { } waiting && function.AuthLevel != AuthorizationLevel.Anonymous)
        {
            await Results.Problem(statusCode: 503, title: "The app is starting.", detail: waiting, type: "https://agentfunctions.dev/problems/starting").ExecuteAsync(context);
            return;
        }

        if (function.AuthLevel != AuthorizationLevel.Anonymous && await Auth.RequestAuthentication.AuthenticateAsync(context) is { } unauthorized)
        {
            await unauthorized.ExecuteAsync(context);
            return;
        }

        if (Http.RequestBodyLimit.Check(context) is { } tooLarge)
        {
            await tooLarge.ExecuteAsync(context);
            return;
        }

        try
        {
            await InvokeFunctionAsync(function, context, services);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await Http.RequestBodyLimit.TooLarge(null, Http.RequestBodyLimit.Limit(context)).ExecuteAsync(context);
        }
    }

    private static async Task InvokeFunctionAsync(HttpFunction function, HttpContext context, IServiceProvider services)
    {
        var target = function.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(p => Bind(p, context)).ToArray();
        switch (function.Method.Invoke(target, arguments))
        {
            case Task<IResult> result:
                await (await result).ExecuteAsync(context);
                break;
            case IResult result:
                await result.ExecuteAsync(context);
                break;
            case Task<IActionResult> action:
                await (await action).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            default:
                throw new InvalidOperationException($"Function {function.Name} returned something the standalone host cannot write; return IResult.");
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return context.RequestServices.GetRequiredService<DurableClientAccessor>().Client;
        }

        var name = parameter.Name!;
        var text = context.Request.RouteValues.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString()
            ?? context.Request.Query.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value.FirstOrDefault();
        if (text is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type == typeof(string) ? text : TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text);
    }

    // Fails at startup, not at the first request, when a function asks for something only the Functions host can bind.
    private static void Check(HttpFunction function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter.ParameterType == typeof(FunctionContext))
            {
                throw new InvalidOperationException($"Function {function.Name} takes a FunctionContext, which the standalone host cannot provide.");
            }
        }
    }
}
