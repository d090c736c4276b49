#pragma once
// The instances of a case with for_each: the cartesian product of its lists, the last list varying
// fastest, each with its bindings and its display name ("bhm_max=420 V, current=10 A"). One source
// for the live run and the offline judgement, so both run and name the instances alike.
#include "v2gbench/bench/value.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace v2gbench::bench::detail {

using ForEachLists = std::vector<std::pair<std::string, ValueList>>; // variable, its values

// Calls visit(locals, name) once per instance, in order; never when a list is empty.
template <class Visit>
void forEachCaseInstance(const ForEachLists& lists, Visit&& visit) {
    for (const auto& l : lists)
        if (l.second.empty()) return;
    std::vector<std::size_t> index(lists.size(), 0);
    while (true) {
        std::map<std::string, Value> locals;
        std::string name;
        for (std::size_t i = 0; i < lists.size(); ++i) {
            locals[lists[i].first] = lists[i].second[index[i]];
            name += (name.empty() ? "" : ", ") + lists[i].first + "=" + toDisplayString(lists[i].second[index[i]]);
        }
        visit(locals, name);
        std::size_t k = lists.size();
        while (k > 0) {
            --k;
            if (++index[k] < lists[k].second.size()) break;
            index[k] = 0;
            if (k == 0) return;
        }
    }
}

} // namespace v2gbench::bench::detail
