"""Presentation helpers of the Streamlit app: labels, state keys, the store, HTML, charts."""
