namespace FlaxGuard.Engine.Facts
{
    /// <summary>
    /// Stable merge sort of facts by key, ordinal. nanoFramework has no Array.Sort, and a stable,
    /// culture-free order is what makes the canonical encoding canonical.
    /// </summary>
    internal static class FactSorter
    {
        public static void Sort(Fact[] facts, int count)
        {
            if (count < 2) return;
            Fact[] scratch = new Fact[count];
            // Bottom-up: runs of 1, 2, 4 ... merged back and forth between the two arrays.
            Fact[] source = facts;
            Fact[] target = scratch;
            for (int width = 1; width < count; width *= 2)
            {
                for (int lo = 0; lo < count; lo += 2 * width)
                {
                    int mid = lo + width < count ? lo + width : count;
                    int hi = lo + 2 * width < count ? lo + 2 * width : count;
                    Merge(source, target, lo, mid, hi);
                }
                Fact[] swap = source;
                source = target;
                target = swap;
            }
            if (source != facts)
            {
                System.Array.Copy(source, 0, facts, 0, count);
            }
        }

        private static void Merge(Fact[] source, Fact[] target, int lo, int mid, int hi)
        {
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
            {
                if (Text.Ordinal.Compare(source[j].Key, source[i].Key) < 0) target[k++] = source[j++];
                else target[k++] = source[i++];
            }
            while (i < mid) target[k++] = source[i++];
            while (j < hi) target[k++] = source[j++];
        }
    }
}
