# The monitor decodes what it records (capability bus-decode) with the GB/T 27930 stack.
target_link_libraries(v2g_drivers_${family} PUBLIC v2g_protocol_gbt27930)
