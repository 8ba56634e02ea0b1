using System;

namespace FlaxGuard.Engine.Json
{
    /// <summary>Bounds for one parse. A device answer beyond any of them is refused, not truncated.</summary>
    public sealed class JsonLimits
    {
        public JsonLimits(int maxDepth, int maxStringBytes, int maxValues)
        {
            if (maxDepth < 1 || maxDepth > 64) throw new ArgumentOutOfRangeException("maxDepth");
            if (maxStringBytes < 1) throw new ArgumentOutOfRangeException("maxStringBytes");
            if (maxValues < 1) throw new ArgumentOutOfRangeException("maxValues");
            MaxDepth = maxDepth;
            MaxStringBytes = maxStringBytes;
            MaxValues = maxValues;
        }

        /// <summary>Deepest nesting of arrays and objects; the parser recurses once per level.</summary>
        public int MaxDepth { get; private set; }

        /// <summary>Longest string or member name, in encoded bytes.</summary>
        public int MaxStringBytes { get; private set; }

        /// <summary>Most values (scalars, arrays and objects together) in one document.</summary>
        public int MaxValues { get; private set; }

        /// <summary>Enough for admin API answers (ubus, RouterOS REST) while keeping the tree to tens of KB.</summary>
        public static JsonLimits Default { get { return new JsonLimits(16, 4096, 4096); } }
    }
}
