using System.Reflection;
using System.Reflection.Emit;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// Which namespaces of an assembly use which others, read from the compiled code itself: every type a type's signatures name
/// (base type, interfaces, fields, properties, methods, generic arguments) and every type, method and field its IL refers to.
/// In this code base a namespace is a folder, so this is the folders' dependency graph.
/// </summary>
public static class NamespaceDependencies
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>For each namespace of <paramref name="assembly"/> under <paramref name="root"/>, the others under it that its types use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, string root)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null || !Under(from, root))
                continue;
            if (!graph.TryGetValue(from, out var uses))
                graph[from] = uses = [];
            foreach (var used in TypesUsedBy(type).Select(NamespaceOf).OfType<string>().Where(n => n != from && Under(n, root)))
                uses.Add(used);
        }
        return graph.ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Value);
    }

    /// <summary>Each cycle among the namespaces, as the path that closes it (A → B → A); none in a graph that points one way.</summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var cycles = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            foreach (var next in graph[start])
                if (PathBetween(graph, next, start) is { } back && string.CompareOrdinal(start, back.Min(StringComparer.Ordinal)) <= 0)
                    cycles.Add(string.Join(" → ", [start, .. back]));
        return cycles;
    }

    private static List<string>? PathBetween(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, string from, string to)
    {
        var previous = new Dictionary<string, string?> { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var at))
        {
            if (at == to)
            {
                var path = new List<string>();
                for (string? step = at; step is not null; step = previous[step])
                    path.Insert(0, step);
                return path;
            }
            foreach (var next in graph.GetValueOrDefault(at) ?? new HashSet<string>())
                if (previous.TryAdd(next, at))
                    queue.Enqueue(next);
        }
        return null;
    }

    private static bool Under(string name, string root) => name == root || name.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>A type's namespace: a nested type's (a lambda's closure, an async method's state machine) is its outermost type's.</summary>
    private static string? NamespaceOf(Type type)
    {
        while (type.IsNested)
            type = type.DeclaringType!;
        return type.Namespace;
    }

    private static List<Type> TypesUsedBy(Type type)
    {
        var used = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
                return;
            if (t.HasElementType)
                Add(t.GetElementType());
            else if (t.IsGenericType)
            {
                used.Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                    Add(argument);
            }
            else if (!t.IsGenericParameter)
                used.Add(t);
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
            Add(contract);
        foreach (var field in type.GetFields(Everything))
            Add(field.FieldType);
        foreach (var property in type.GetProperties(Everything))
            Add(property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
                Add(info.ReturnType);
            foreach (var parameter in method.GetParameters())
                Add(parameter.ParameterType);
            foreach (var member in MembersInBody(method))
                Add(member switch { Type t => t, FieldInfo f => f.DeclaringType, MethodBase m => m.DeclaringType, _ => null });
        }
        return used;
    }

    /// <summary>The types, fields and methods a method's IL refers to by token.</summary>
    private static IEnumerable<MemberInfo> MembersInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            var size = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
            if (opCode.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token whose generic context this scan does not have: its declaring type is still named elsewhere.
                }
                if (member is not null)
                    yield return member;
            }
            at += size;
        }
    }
}
